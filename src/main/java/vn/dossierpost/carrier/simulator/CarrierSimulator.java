package vn.dossierpost.carrier.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local postal carrier speaking the contract in {@code tracking-contracts/}: its routes are
 * built from the OpenAPI file, which also validates every request, so an adapter that drifts
 * from the contract fails against it. It also serves {@code /sim/*} controls for tests: faults,
 * scenarios, manual steps and webhook push.
 */
public final class CarrierSimulator extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CarrierSimulator.class);
  public static final String CONTRACT = "tracking-contracts/vnpost-hcc.openapi.yaml";
  private static final String POST_FAULT = "sim.postFault";

  private final SimulatorSettings settings;
  private final SimulatedCarrier carrier;
  private HttpServer server;
  private Pusher pusher;
  private long timer = -1;
  private boolean releasing;
  /** Its tables: it may listen before they exist (start-up), but releases nothing until then. */
  private volatile Future<?> schema = Future.succeededFuture();

  public CarrierSimulator(Pool pool, SimulatorSettings settings) {
    this.settings = settings;
    this.carrier = new SimulatedCarrier(pool, settings);
  }

  /** Deployed while its schema is still being made: the releases wait for {@code migrated}. */
  public CarrierSimulator schemaFrom(Future<?> migrated) {
    schema = migrated;
    return this;
  }

  @Override
  public Future<?> start() {
    pusher = new Pusher(vertx);
    carrier.onPublish(pusher::push);
    return OpenAPIContract.from(vertx, CONTRACT)
        .map(this::router)
        .compose(router -> vertx.createHttpServer().requestHandler(router).listen(settings.port()))
        .onSuccess(s -> {
          server = s;
          timer = vertx.setPeriodic(200, id -> release());
          LOG.info("event=simulator_started port={} autoplay={} speed={}", s.actualPort(),
              settings.autoplay(), settings.speed());
        });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    pusher.close();
    return server == null ? Future.succeededFuture() : server.close();
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void release() {
    if (releasing || !schema.succeeded()) {
      return;
    }
    releasing = true;
    carrier.releaseDue()
        .onFailure(err -> LOG.warn("event=simulator_release_failed error=\"{}\"", err.getMessage()))
        .onComplete(ar -> releasing = false);
  }

  private Router router(OpenAPIContract contract) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(1 << 20));
    builder.rootHandler(this::injectFaults);
    builder.rootHandler(this::authenticate);
    route(builder, "getToken", ctx -> answer(ctx, carrier.token(ctx.body().asJsonObject())));
    route(builder, "createOrder", ctx -> carrier.create(ctx.body().asJsonObject())
        .onComplete(ar -> answer(ctx, ar)));
    route(builder, "getOrder", ctx -> carrier.find(ctx.queryParams().get("customerCode"),
        ctx.pathParam("orderNumber")).onComplete(ar -> answer(ctx, ar)));
    route(builder, "cancelOrder", ctx -> carrier.cancel(ctx.body().asJsonObject())
        .onComplete(ar -> answer(ctx, ar)));
    route(builder, "getTracking", ctx -> carrier.page(ctx.queryParams().get("lastId"),
        Integer.parseInt(ctx.queryParams().get("pagesize"))).onComplete(ar -> answer(ctx, ar)));
    Router router = builder.createRouter();
    SimulatorControls.mount(router, carrier, pusher);
    router.route().failureHandler(CarrierSimulator::carrierError);
    for (int status : new int[] {400, 404, 405, 415, 500}) {
      router.errorHandler(status, CarrierSimulator::carrierError);
    }
    return router;
  }

  private static void route(RouterBuilder builder, String operationId,
      io.vertx.core.Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    route.setDoSecurity(false);
    route.addHandler(handler);
  }

  /** Outage, latency, 503s and connection resets, before or after the work is done. */
  private void injectFaults(RoutingContext ctx) {
    if (!ctx.request().path().startsWith("/api/")) {
      ctx.next();
      return;
    }
    Faults f = carrier.faults.get();
    if (f.outage()) {
      carrier.stats.faultErrors.incrementAndGet();
      send(ctx, SimulatedCarrier.Answer.error(503, "UNAVAILABLE", "Hệ thống đang bảo trì"));
      return;
    }
    Runnable proceed = () -> {
      boolean before = ThreadLocalRandom.current().nextBoolean();
      if (Faults.roll(f.errorRate())) {
        carrier.stats.faultErrors.incrementAndGet();
        if (before) {
          send(ctx, SimulatedCarrier.Answer.error(503, "UNAVAILABLE", "Hệ thống quá tải"));
          return;
        }
        ctx.put(POST_FAULT, "503");
      } else if (Faults.roll(f.resetRate())) {
        carrier.stats.faultResets.incrementAndGet();
        if (before) {
          ctx.request().connection().close();
          return;
        }
        ctx.put(POST_FAULT, "reset");
      }
      ctx.next();
    };
    if (f.latencyMs() > 0) {
      vertx.setTimer(f.latencyMs(), id -> proceed.run());
    } else {
      proceed.run();
    }
  }

  private void authenticate(RoutingContext ctx) {
    String path = ctx.request().path();
    if (!path.startsWith("/api/") || path.equals("/api/token")) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    if (!carrier.isValidToken(token)) {
      send(ctx, SimulatedCarrier.Answer.error(401, "UNAUTHORIZED",
          "Token không hợp lệ hoặc đã hết hạn"));
      return;
    }
    ctx.next();
  }

  private static void answer(RoutingContext ctx, io.vertx.core.AsyncResult<SimulatedCarrier.Answer> ar) {
    if (ar.failed()) {
      LOG.warn("event=simulator_error error=\"{}\"", ar.cause().getMessage());
      answer(ctx, SimulatedCarrier.Answer.error(500, "INTERNAL", "Lỗi hệ thống"));
    } else {
      answer(ctx, ar.result());
    }
  }

  /** Sends the answer, unless a fault decided to lose it after the work was done. */
  private static void answer(RoutingContext ctx, SimulatedCarrier.Answer answer) {
    String postFault = ctx.get(POST_FAULT);
    if ("reset".equals(postFault)) {
      ctx.request().connection().close();
    } else if ("503".equals(postFault)) {
      send(ctx, SimulatedCarrier.Answer.error(503, "UNAVAILABLE", "Hệ thống quá tải"));
    } else {
      send(ctx, answer);
    }
  }

  private static void send(RoutingContext ctx, SimulatedCarrier.Answer answer) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(answer.status())
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(answer.body().encode());
    }
  }

  private static void carrierError(RoutingContext ctx) {
    int status = ctx.failure() instanceof HttpException he ? he.getStatusCode()
        : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String message = ctx.failure() == null ? "" : String.valueOf(ctx.failure().getMessage());
    String code = switch (status) {
      case 400 -> "INVALID_REQUEST";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      default -> "INTERNAL";
    };
    if (status >= 500) {
      LOG.warn("event=simulator_failure path={}", ctx.request().path(), ctx.failure());
    }
    send(ctx, new SimulatedCarrier.Answer(status,
        new JsonObject().put("Code", code).put("Message", message.isEmpty() ? code : message)));
  }

  /** Also push every record published from now on to {@code url}, signed with {@code secret}. */
  public void pushTo(String url, String secret) {
    pusher.configure(new Pusher.Target(url, secret));
  }

  /** For tests: the carrier's behaviour, without HTTP. */
  public JsonObject stats() {
    return carrier.stats.toJson();
  }

}

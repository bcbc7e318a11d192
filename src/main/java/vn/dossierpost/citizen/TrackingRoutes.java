package vn.dossierpost.citizen;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import vn.dossierpost.http.ClientAddress;
import vn.dossierpost.http.RateLimiter;
import vn.dossierpost.link.TrackingLinks;

/**
 * {@code GET /t/{token}}: the citizen's tracking page ({@link TrackingPage}), HTML or (with
 * {@code Accept: application/json}) JSON. {@code POST /t/{token}} with {@code phone4} (form or
 * JSON): the same page with more detail once the last four digits of the phone match. Unknown,
 * malformed, expired and revoked tokens get byte-for-byte the same 404; every client address
 * has its own request budget (429 with {@code Retry-After}).
 */
final class TrackingRoutes {

  private static final Buffer NOT_FOUND_HTML = Buffer.buffer(TrackingHtml.notFound());
  private static final Buffer NOT_FOUND_JSON = Buffer.buffer(new JsonObject()
      .put("type", "/problems/not-found").put("title", "Không tìm thấy").put("status", 404)
      .put("detail", "Đường dẫn không đúng hoặc đã hết hạn.").encode());

  private final TrackingPage page;
  private final RateLimiter limiter;

  private TrackingRoutes(TrackingPage page, RateLimiter limiter) {
    this.page = page;
    this.limiter = limiter;
  }

  /** The per-address budget, one for the whole process: {@code perMinute}, bursts of a sixth. */
  static RateLimiter limiter(int perMinute) {
    return RateLimiter.perMinute(perMinute, Math.max(5, perMinute / 6));
  }

  static Router router(Vertx vertx, SqlClient pool, RateLimiter limiter,
      io.micrometer.core.instrument.MeterRegistry registry) {
    TrackingRoutes routes = new TrackingRoutes(new TrackingPage(pool, registry), limiter);
    Router router = Router.router(vertx);
    router.route().handler(routes::guard);
    router.get("/:token").handler(routes::show);
    router.post("/:token").handler(BodyHandler.create(false).setBodyLimit(1024))
        .handler(routes::check);
    return router;
  }

  /** Security headers on every answer, and the per-address budget. */
  private void guard(RoutingContext ctx) {
    HttpServerResponse r = ctx.response();
    r.putHeader("Referrer-Policy", "no-referrer").putHeader("X-Robots-Tag", "noindex, nofollow")
        .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY").putHeader("Content-Security-Policy", TrackingHtml.CSP)
        .putHeader("Vary", "Accept");
    String client = ClientAddress.of(ctx.request().remoteAddress());
    long wait = limiter.acquire(client);
    if (wait > 0) {
      r.setStatusCode(429).putHeader("Retry-After", Long.toString(wait));
      if (wantsJson(ctx)) {
        r.putHeader("Content-Type", "application/problem+json").end(new JsonObject()
            .put("type", "/problems/too-many-requests").put("title", "Quá nhiều yêu cầu")
            .put("status", 429).put("retryAfter", wait).encode());
      } else {
        r.putHeader("Content-Type", "text/html; charset=utf-8").end(TrackingHtml.tooMany(wait));
      }
      return;
    }
    ctx.next();
  }

  private void show(RoutingContext ctx) {
    page.show(TrackingLinks.storedForm(ctx.pathParam("token")))
        .onSuccess(answer -> answer(ctx, answer)).onFailure(ctx::fail);
  }

  private void check(RoutingContext ctx) {
    page.check(TrackingLinks.storedForm(ctx.pathParam("token")), phone4(ctx))
        .onSuccess(answer -> answer(ctx, answer)).onFailure(ctx::fail);
  }

  /** Four digits from the form or a JSON body; null for anything else. */
  private static String phone4(RoutingContext ctx) {
    String value = ctx.request().getFormAttribute("phone4");
    if (value == null && ctx.body() != null && ctx.body().length() > 0
        && String.valueOf(ctx.request().getHeader("Content-Type")).startsWith("application/json")) {
      try {
        Object v = ctx.body().asJsonObject().getValue("phone4");
        value = v == null ? null : String.valueOf(v);
      } catch (RuntimeException malformed) {
        value = null;
      }
    }
    return value != null && value.matches("^\\d{4}$") ? value : null;
  }

  private static void answer(RoutingContext ctx, Optional<TrackingPage.Answer> found) {
    if (found.isEmpty()) {
      notFound(ctx);
      return;
    }
    TrackingPage.Answer answer = found.get();
    if (answer.retryAfter() > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(answer.retryAfter()));
    }
    render(ctx, answer.status(), answer.view(), answer.message());
  }

  private static boolean wantsJson(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("application/json");
  }

  private static void render(RoutingContext ctx, int status, TrackingView view, String message) {
    HttpServerResponse r = ctx.response().setStatusCode(status);
    if (wantsJson(ctx)) {
      JsonObject json = view.toJson();
      if (message != null) {
        json.put("message", message);
      }
      r.putHeader("Content-Type", "application/json; charset=utf-8").end(json.encode());
    } else {
      r.putHeader("Content-Type", "text/html; charset=utf-8").end(TrackingHtml.page(view, message));
    }
  }

  private static void notFound(RoutingContext ctx) {
    boolean json = wantsJson(ctx);
    ctx.response().setStatusCode(404)
        .putHeader("Content-Type", json ? "application/problem+json" : "text/html; charset=utf-8")
        .end(json ? NOT_FOUND_JSON : NOT_FOUND_HTML);
  }
}

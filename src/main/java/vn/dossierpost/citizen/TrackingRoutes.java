package vn.dossierpost.citizen;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.RateLimiter;
import vn.dossierpost.notify.Progress;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.access.Policy;
import vn.dossierpost.tracking.StatusFold;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * {@code GET /t/{token}}: the citizen's tracking page, HTML or (with {@code Accept:
 * application/json}) JSON, from one indexed read. {@code POST /t/{token}} with {@code phone4}
 * (form or JSON): the same page with more detail once the last four digits of the phone match;
 * five wrong answers lock the link's detail for 15 minutes. Unknown, malformed, expired and
 * revoked tokens get byte-for-byte the same 404; every client address has its own request
 * budget (429 with {@code Retry-After}).
 */
public final class TrackingRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingRoutes.class);
  static final int MAX_FAILED_CHECKS = 5;
  static final java.time.Duration LOCK = java.time.Duration.ofMinutes(15);

  static final String LOOKUP = """
      SELECT o.leg, o.status, o.dossier_code, o.procedure_code, o.item_code, o.citizen_name,
             o.citizen_phone, o.province_code, o.fee_to_collect, o.booked_at, o.status_changed_at,
             f.name AS office_name, f.phone AS office_phone, f.policy AS office_policy,
             t.locked_until,
             (SELECT coalesce(json_agg(json_build_object('c', e.code, 'at', (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
                       'p', e.location_name, 'r', e.reason, 'd', e.details, 'f', e.flags, 'k', e.dedup_key)
                       ORDER BY e.occurred_at, e.id), '[]'::json)
                FROM order_events e WHERE e.order_id = o.id) AS events
      FROM tracking_tokens t JOIN orders o ON o.id = t.order_id JOIN offices f ON f.code = o.office_code
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
      """;
  private static final String FAILED_CHECK = """
      UPDATE tracking_tokens SET failed_checks = failed_checks + 1,
        locked_until = CASE WHEN failed_checks + 1 >= $2 THEN now() + $3 * interval '1 second'
                            ELSE locked_until END
      WHERE token_hash = $1 RETURNING failed_checks
      """;
  private static final String PASSED_CHECK =
      "UPDATE tracking_tokens SET failed_checks = 0, locked_until = NULL WHERE token_hash = $1 AND failed_checks > 0";

  private static final Buffer NOT_FOUND_HTML = Buffer.buffer(TrackingHtml.notFound());
  private static final Buffer NOT_FOUND_JSON = Buffer.buffer(new JsonObject()
      .put("type", "/problems/not-found").put("title", "Không tìm thấy").put("status", 404)
      .put("detail", "Đường dẫn không đúng hoặc đã hết hạn.").encode());

  private final SqlClient pool;
  private final RateLimiter limiter;
  private final io.micrometer.core.instrument.Timer lookups;

  private TrackingRoutes(SqlClient pool, RateLimiter limiter, io.micrometer.core.instrument.MeterRegistry registry) {
    this.pool = pool;
    this.limiter = limiter;
    this.lookups = io.micrometer.core.instrument.Timer.builder("tracking_page_lookup")
        .description("the tracking page's database read, from asking the pool to the answer")
        .register(registry);
  }

  /** The per-address budget, one for the whole process: {@code perMinute}, bursts of a sixth. */
  public static RateLimiter limiter(int perMinute) {
    return RateLimiter.perMinute(perMinute, Math.max(5, perMinute / 6));
  }

  public static Router router(Vertx vertx, SqlClient pool, RateLimiter limiter,
      io.micrometer.core.instrument.MeterRegistry registry) {
    TrackingRoutes routes = new TrackingRoutes(pool, limiter, registry);
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
    String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
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
    lookup(TrackingLinks.storedForm(ctx.pathParam("token"))).onSuccess(found -> {
      if (found.isEmpty()) {
        notFound(ctx);
      } else {
        render(ctx, 200, view(found.get(), false), null);
      }
    }).onFailure(ctx::fail);
  }

  private void check(RoutingContext ctx) {
    Optional<byte[]> key = TrackingLinks.storedForm(ctx.pathParam("token"));
    String given = phone4(ctx);
    lookup(key).compose(found -> {
      if (found.isEmpty()) {
        notFound(ctx);
        return Future.succeededFuture();
      }
      Row row = found.get();
      OffsetDateTime locked = row.getOffsetDateTime("locked_until");
      if (locked != null && locked.toInstant().isAfter(Instant.now())) {
        long seconds = Math.max(1, java.time.Duration.between(Instant.now(), locked.toInstant()).toSeconds());
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        render(ctx, 429, view(row, false), "Đã nhập sai quá nhiều lần. Vui lòng thử lại sau "
            + Math.max(1, (seconds + 59) / 60) + " phút.");
        return Future.succeededFuture();
      }
      if (given == null) {
        render(ctx, 400, view(row, false), "Vui lòng nhập đúng 4 chữ số.");
        return Future.succeededFuture();
      }
      String expected = Masking.lastFour(row.getString("citizen_phone"));
      boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
          given.getBytes(StandardCharsets.US_ASCII));
      Buffer stored = Buffer.buffer(key.orElseThrow());
      if (match) {
        return pool.preparedQuery(PASSED_CHECK).execute(Tuple.of(stored))
            .onSuccess(v -> render(ctx, 200, view(row, true), null)).mapEmpty();
      }
      return pool.preparedQuery(FAILED_CHECK).execute(Tuple.of(stored, MAX_FAILED_CHECKS, LOCK.toSeconds()))
          .onSuccess(rows -> {
            int failed = rows.iterator().next().getInteger(0);
            int left = Math.max(0, MAX_FAILED_CHECKS - failed);
            LOG.info("event=tracking_second_factor_failed left={}", left);
            render(ctx, 403, view(row, false), left == 0
                ? "Đã nhập sai quá nhiều lần. Vui lòng thử lại sau " + LOCK.toMinutes() + " phút."
                : "Số không đúng. Bạn còn " + left + " lần thử.");
          }).mapEmpty();
    }).onFailure(ctx::fail);
  }

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

  private Future<Optional<Row>> lookup(Optional<byte[]> key) {
    if (key.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    long start = System.nanoTime();
    return pool.preparedQuery(LOOKUP).execute(Tuple.of(Buffer.buffer(key.get())))
        .map(rows -> {
          lookups.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
          return rows.size() == 0 ? Optional.<Row>empty() : Optional.of(rows.iterator().next());
        });
  }

  static TrackingView view(Row row, boolean detailed) {
    Leg leg = Leg.valueOf(row.getString("leg"));
    OrderStatus status = OrderStatus.valueOf(row.getString("status"));
    List<TrackingEvent> events = events(row.getJsonArray("events"));
    Progress progress = Progress.of(leg, status, row.getString("dossier_code"), row.getString("item_code"),
        row.getOffsetDateTime("booked_at"), events, Policy.of(row.getJsonObject("office_policy")));
    TrackingView.Detail detail = detailed ? new TrackingView.Detail(row.getString("office_name"),
        row.getString("office_phone"), row.getString("procedure_code"), row.getLong("fee_to_collect"),
        row.getString("province_code"), progress.attempts()) : null;
    return TrackingView.of(progress, Masking.name(row.getString("citizen_name")),
        Phones.masked(row.getString("citizen_phone")), row.getString("office_name"),
        row.getOffsetDateTime("status_changed_at"), StatusFold.history(events), detail);
  }

  private static List<TrackingEvent> events(JsonArray json) {
    List<TrackingEvent> events = new ArrayList<>(json.size());
    for (int i = 0; i < json.size(); i++) {
      JsonObject e = json.getJsonObject(i);
      String code = e.getString("c");
      Set<String> flags = new java.util.HashSet<>();
      JsonArray f = e.getJsonArray("f");
      if (f != null) {
        f.forEach(x -> flags.add(String.valueOf(x)));
      }
      events.add(new TrackingEvent(null, null, null, code == null ? null : EventCode.valueOf(code), null,
          null, micros(e.getLong("at")), null, null, e.getString("p"), e.getString("r"),
          null, null, e.getJsonObject("d"), null, null, null, EventSource.WEBHOOK, null,
          e.getString("k"), flags));
    }
    return events;
  }

  private static OffsetDateTime micros(long epochMicros) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000),
        Math.floorMod(epochMicros, 1_000_000) * 1000L), Progress.VIETNAM);
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

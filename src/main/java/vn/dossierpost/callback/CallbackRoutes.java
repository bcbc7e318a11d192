package vn.dossierpost.callback;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.outbox.Outbox;

/**
 * {@code /api/v1/callbacks} (DESK): the delivery log of the office's callbacks, and a manual
 * resend of one. A dead callback is put back in line; a delivered one is sent again with the
 * same {@code webhook-id}.
 */
public final class CallbackRoutes {

  private static final String LOG = """
      SELECT d.id, d.outbox_id, d.order_id, d.webhook_id, d.attempt, d.status_code, d.error,
             d.duration_ms, d.at, o.status AS job_status
      FROM callback_deliveries d LEFT JOIN outbox o ON o.id = d.outbox_id
      WHERE d.office_code = $1 AND ($2::uuid IS NULL OR d.order_id = $2) AND d.id < $3
      ORDER BY d.id DESC LIMIT $4
      """;
  private static final String JOB = """
      SELECT o.id, o.status, o.payload, o.order_id FROM outbox o JOIN orders r ON r.id = o.order_id
      WHERE o.id = $1 AND o.kind = 'callback.send' AND r.office_code = $2
      """;
  private static final String COPY = """
      INSERT INTO outbox (kind, order_id, ordering_key, payload) VALUES ($1, $2, $3, $4) RETURNING id
      """;

  private final Pool pool;
  private final Outbox outbox;

  private CallbackRoutes(Pool pool, Outbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  public static Router router(Vertx vertx, Pool pool, Outbox outbox) {
    CallbackRoutes routes = new CallbackRoutes(pool, outbox);
    Router router = Router.router(vertx);
    router.get("/").respond(routes::log);
    router.post("/:jobId/resend").respond(routes::resend);
    return router;
  }

  private Future<JsonObject> log(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID order = null;
    String rawOrder = ctx.queryParams().get("orderId");
    if (rawOrder != null) {
      try {
        order = UUID.fromString(rawOrder);
      } catch (IllegalArgumentException e) {
        throw Problems.badQuery(List.of(new FieldError("orderId", "invalid_id", "Không phải mã đơn hợp lệ.")));
      }
    }
    long before = number(ctx.queryParams().get("before"), Long.MAX_VALUE, "before");
    long limit = Math.max(1, Math.min(500, number(ctx.queryParams().get("limit"), 100, "limit")));
    return pool.preparedQuery(LOG).execute(Tuple.of(office, order, before, limit)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        items.add(new JsonObject().put("id", row.getLong("id")).put("jobId", row.getLong("outbox_id"))
            .put("orderId", String.valueOf(row.getUUID("order_id")))
            .put("webhookId", row.getString("webhook_id")).put("attempt", row.getInteger("attempt"))
            .put("statusCode", row.getInteger("status_code")).put("error", row.getString("error"))
            .put("durationMs", row.getInteger("duration_ms")).put("at", row.getOffsetDateTime("at").toString())
            .put("jobStatus", row.getString("job_status")));
      }
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> resend(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    long id = number(ctx.pathParam("jobId"), -1, "jobId");
    return pool.preparedQuery(JOB).execute(Tuple.of(id, office)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problems.notFound());
      }
      Row job = rows.iterator().next();
      String status = job.getString("status");
      if ("PENDING".equals(status)) {
        return Future.succeededFuture(new JsonObject().put("jobId", id).put("status", "PENDING"));
      }
      if ("DEAD".equals(status)) {
        return outbox.revive(id).map(v -> new JsonObject().put("jobId", id).put("status", "PENDING"));
      }
      UUID orderId = job.getUUID("order_id");
      return pool.preparedQuery(COPY).execute(Tuple.of(CallbackListener.JOB, orderId,
              "callback:" + orderId, job.getJsonObject("payload")))
          .map(inserted -> {
            outbox.wake();
            ctx.response().setStatusCode(202);
            return new JsonObject().put("jobId", inserted.iterator().next().getLong("id"))
                .put("status", "PENDING").put("copyOf", id);
          });
    });
  }

  private static long number(String raw, long fallback, String name) {
    if (raw == null) {
      return fallback;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      if ("jobId".equals(name)) {
        throw Problems.notFound();
      }
      throw Problems.badQuery(List.of(new FieldError(name, "not_integer", "Phải là số nguyên.")));
    }
  }
}

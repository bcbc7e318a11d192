package vn.dossierpost.callback;

import io.vertx.core.Future;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import vn.dossierpost.http.Problems;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;

/**
 * The delivery log of an office's callbacks, and a manual resend of one: a dead callback is put
 * back in line; a delivered one is sent again with the same {@code webhook-id}.
 */
final class CallbackService {

  /** What a resend answered: 202 when a copy of the job was queued. */
  record Resent(int status, JsonObject body) {
  }

  private final Pool pool;
  private final Outbox outbox;

  CallbackService(Pool pool, Outbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
  }

  /** The office's tries, newest first, below {@code before}; only the order's when it is given. */
  Future<JsonObject> log(String office, UUID order, long before, long limit) {
    return pool.preparedQuery(CallbackSql.LOG).execute(Tuple.of(office, order, before, limit)).map(rows -> {
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

  /** Not found (404) unless {@code id} is a callback job of one of the office's orders. */
  Future<Resent> resend(Actor desk, String office, long id) {
    return pool.preparedQuery(CallbackSql.JOB).execute(Tuple.of(id, office)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problems.notFound());
      }
      Row job = rows.iterator().next();
      String status = job.getString("status");
      if ("PENDING".equals(status)) {
        return Future.succeededFuture(pending(id));
      }
      if ("DEAD".equals(status)) {
        return outbox.revive(desk, id).map(v -> pending(id));
      }
      UUID orderId = job.getUUID("order_id");
      return pool.withTransaction(tx -> Outbox.enqueue(tx, Job.of(CallbackListener.JOB, orderId,
                  job.getJsonObject("payload")).orderedBy("callback:" + orderId))
              .compose(copy -> Audit.append(tx, new AuditEntry(desk, "callback.resend", orderId,
                  "job:" + id, null, new JsonObject().put("job", "PENDING").put("copy", copy)))
                  .map(copy)))
          .map(copy -> {
            outbox.wake();
            return new Resent(202, new JsonObject().put("jobId", copy).put("status", "PENDING")
                .put("copyOf", id));
          });
    });
  }

  private static Resent pending(long id) {
    return new Resent(200, new JsonObject().put("jobId", id).put("status", "PENDING"));
  }
}

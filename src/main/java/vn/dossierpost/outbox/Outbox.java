package vn.dossierpost.outbox;

import io.vertx.core.Future;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.dossierpost.db.Unnest;

/**
 * The table-backed job queue. {@link #enqueue} takes the caller's connection so that the job is
 * committed, or not, together with the state change that asked for it.
 */
public final class Outbox {

  /** Event-bus address a committed enqueue may publish to, so workers start at once. */
  public static final String WAKE_ADDRESS = "dossierpost.outbox.wake";

  private final Pool pool;
  private final Vertx vertx;

  private Outbox(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public static Outbox create(Vertx vertx, Pool pool) {
    return new Outbox(vertx, pool);
  }

  /** Writes a job inside the caller's transaction. Call {@link #wake()} after the commit. */
  public static Future<Long> enqueue(SqlClient tx, Job job) {
    return tx.preparedQuery(OutboxSql.ENQUEUE)
        .execute(Tuple.of(job.kind(), job.orderId(), job.orderingKey(),
            job.payload() == null ? new JsonObject() : job.payload(), job.notBefore()))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /**
   * Writes jobs inside the caller's transaction with one statement, in the list's order (jobs
   * sharing an ordering key run in that order). Call {@link #wake()} after the commit.
   */
  public static Future<Void> enqueueAll(SqlClient tx, List<Job> jobs) {
    if (jobs.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(OutboxSql.ENQUEUE_MANY).execute(Unnest.of(jobs).strings(Job::kind)
        .uuids(Job::orderId).strings(Job::orderingKey)
        .strings(job -> job.payload() == null ? "{}" : job.payload().encode())
        .times(Job::notBefore).tuple()).mapEmpty();
  }

  /** Tells local workers there is work; workers elsewhere find it on their next poll. */
  public void wake() {
    vertx.eventBus().publish(WAKE_ADDRESS, null);
  }

  public Future<List<JsonObject>> list(String status, long beforeId, int limit) {
    return pool.preparedQuery(OutboxSql.LIST)
        .execute(Tuple.of(status, beforeId, limit))
        .map(rows -> {
          List<JsonObject> items = new ArrayList<>();
          rows.forEach(row -> items.add(toJson(row)));
          return items;
        });
  }

  public Future<Optional<JsonObject>> find(long id) {
    return pool.preparedQuery(OutboxSql.FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(toJson(rows.iterator().next())));
  }

  /** Puts a dead job back in line with a fresh budget of attempts. */
  /** Puts a dead job back in line, audited as {@code actor}'s; false unless it was dead. */
  public Future<Boolean> revive(Actor actor, long id) {
    return pool.withTransaction(tx -> tx.preparedQuery(OutboxSql.REVIVE).execute(Tuple.of(id))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.succeededFuture(false);
              }
              Row row = rows.iterator().next();
              return Audit.append(tx, new AuditEntry(actor, "job.retry", row.getUUID("order_id"),
                      "job:" + id, new JsonObject().put("job", "DEAD"),
                      new JsonObject().put("job", "PENDING").put("kind", row.getString("kind"))))
                  .map(true);
            }))
        .onSuccess(revived -> {
          if (revived) {
            wake();
          }
        });
  }

  public record Stats(long pending, long dead, double oldestPendingSeconds) {
  }

  public Future<Stats> stats() {
    return stats(pool);
  }

  /** As {@link #stats()}, on {@code client} (a connection whose settings the caller chose). */
  public static Future<Stats> stats(SqlClient client) {
    return client.query(OutboxSql.STATS).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Stats(row.getLong("pending"), row.getLong("dead"),
          row.getNumeric("oldest_pending_seconds").doubleValue());
    });
  }

  /** Deletes finished jobs older than {@code days}, a thousand at a time. */
  public Future<Integer> purgeDone(int days, int limit) {
    return pool.preparedQuery(OutboxSql.PURGE_DONE).execute(Tuple.of(days, limit))
        .map(rows -> rows.rowCount());
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("kind", row.getString("kind"))
        .put("orderId", row.getUUID("order_id") == null ? null : row.getUUID("order_id").toString())
        .put("orderingKey", row.getString("ordering_key"))
        .put("status", row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("nextAttemptAt", String.valueOf(row.getOffsetDateTime("next_attempt_at")))
        .put("lastError", row.getString("last_error"))
        .put("createdAt", String.valueOf(row.getOffsetDateTime("created_at")))
        .put("updatedAt", String.valueOf(row.getOffsetDateTime("updated_at")))
        .put("doneAt", row.getOffsetDateTime("done_at") == null ? null
            : row.getOffsetDateTime("done_at").toString());
  }

  /** Every job as a read-only relation: {@code id, kind, order_id, status, payload}. */
  public static final String JOBS = OutboxSql.JOB_ROWS;
}

package vn.dossierpost.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.function.BiFunction;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.db.Unnest;

/**
 * The audit trail: the one way other features write and read {@code audit_trail}. Writes take
 * the caller's transaction, so that a change and its record commit (or roll back) together;
 * the table refuses UPDATE, DELETE and TRUNCATE (V20).
 */
public final class Audit {

  private Audit() {
  }

  /**
   * {@code GET /{id}/audit} (DESK), to mount below {@code /api/v1/orders}: the order's trail.
   * Whether a desk may see an order is the order feature's to say: {@code visible} fails with
   * 404 for an order outside the office.
   */
  public static Router routes(Vertx vertx, SqlClient reads,
      BiFunction<String, UUID, Future<?>> visible) {
    return AuditRoutes.router(vertx, reads, visible);
  }

  /** One record read back, in the order it was appended. */
  public record Record(long id, OffsetDateTime at, Actor actor, String action, UUID orderId,
      String subject, JsonObject before, JsonObject after) {
  }

  public static Future<Void> append(SqlClient tx, AuditEntry e) {
    Actor a = e.actor();
    return tx.preparedQuery(AuditSql.APPEND)
        .execute(Tuple.from(new Object[] {a.keyId(), a.role(), a.scope(), a.requestId(),
            e.action(), e.orderId(), e.subject(), e.before(), e.after()}))
        .mapEmpty();
  }

  /** Appends every entry with one statement; nothing for none. */
  public static Future<Void> appendAll(SqlClient tx, List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return Future.succeededFuture();
    }
    if (entries.size() == 1) {
      return append(tx, entries.get(0));
    }
    return tx.preparedQuery(AuditSql.APPEND_MANY).execute(Unnest.of(entries)
            .uuids(e -> e.actor().keyId()).strings(e -> e.actor().role())
            .strings(e -> e.actor().scope()).strings(e -> e.actor().requestId())
            .strings(AuditEntry::action).uuids(AuditEntry::orderId).strings(AuditEntry::subject)
            .strings(e -> encode(e.before())).strings(e -> encode(e.after())).tuple())
        .mapEmpty();
  }

  /** The order's records, oldest first. The caller checks who may see them. */
  public static Future<List<Record>> ofOrder(SqlClient client, UUID orderId) {
    return client.preparedQuery(AuditSql.OF_ORDER).execute(Tuple.of(orderId)).map(rows -> {
      List<Record> records = new ArrayList<>(rows.size());
      for (Row row : rows) {
        records.add(from(row));
      }
      return records;
    });
  }

  private static Record from(Row row) {
    return new Record(row.getLong("id"), row.getOffsetDateTime("at"),
        new Actor(row.getUUID("key_id"), row.getString("role"), row.getString("scope"),
            row.getString("request_id")),
        row.getString("action"), row.getUUID("order_id"), row.getString("subject"),
        (JsonObject) row.getValue("before"), (JsonObject) row.getValue("after"));
  }

  private static String encode(JsonObject json) {
    return json == null ? null : json.encode();
  }
}

package vn.dossierpost.carrier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import vn.dossierpost.tracking.CarrierRecords;

/** Polled records the contract refused (table carrier_rejected_records): parked, then listed. */
final class RejectedRecords {

  /** Longest part of a record that is kept, in characters. */
  static final int KEPT = 16_384;

  static final String INSERT = """
      INSERT INTO carrier_rejected_records (carrier, page_after, record_id, record, truncated, errors)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;
  static final String LIST = """
      SELECT id, carrier, page_after, record_id, record, truncated, errors, rejected_at
      FROM carrier_rejected_records WHERE id < $1 ORDER BY id DESC LIMIT $2
      """;

  private RejectedRecords() {
  }

  static Future<Void> park(SqlClient tx, String carrier, String pageAfter,
      List<CarrierRecords.Rejected> rejected) {
    if (rejected.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(rejected.size());
    for (CarrierRecords.Rejected r : rejected) {
      String text = r.record() instanceof JsonObject o ? o.encode() : String.valueOf(r.record());
      Object id = r.record() instanceof JsonObject o ? o.getValue("_id") : null;
      JsonArray errors = new JsonArray();
      r.errors().forEach(e -> errors.add(e.toJson()));
      rows.add(Tuple.of(carrier, pageAfter,
          id instanceof String s && s.length() <= 64 ? s : null,
          text.length() > KEPT ? text.substring(0, KEPT) : text, text.length() > KEPT, errors));
    }
    return tx.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  /** The newest first, below id {@code before}. */
  static Future<List<JsonObject>> list(SqlClient client, long before, int limit) {
    return client.preparedQuery(LIST).execute(Tuple.of(before, limit)).map(rows -> {
      List<JsonObject> items = new ArrayList<>();
      for (Row row : rows) {
        items.add(new JsonObject()
            .put("id", row.getLong("id"))
            .put("carrier", row.getString("carrier"))
            .put("pageAfter", row.getString("page_after"))
            .put("recordId", row.getString("record_id"))
            .put("record", row.getString("record"))
            .put("truncated", row.getBoolean("truncated"))
            .put("errors", row.getJsonArray("errors"))
            .put("rejectedAt", row.getOffsetDateTime("rejected_at").toString()));
      }
      return items;
    });
  }
}

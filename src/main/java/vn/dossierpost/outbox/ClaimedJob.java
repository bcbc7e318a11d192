package vn.dossierpost.outbox;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A job leased to this worker: {@code attempt} counts this run (1 for the first). */
public record ClaimedJob(long id, String kind, UUID orderId, JsonObject payload, int attempt,
    OffsetDateTime createdAt) {

  static ClaimedJob from(Row row) {
    return new ClaimedJob(row.getLong("id"), row.getString("kind"), row.getUUID("order_id"),
        row.getJsonObject("payload"), row.getInteger("attempts"),
        row.getOffsetDateTime("created_at"));
  }

  /** A stable key for the receiving side to de-duplicate repeated sends of this job. */
  public String idempotencyKey() {
    return "dp-outbox-" + id;
  }
}

package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.http.Fields;

/** What the SMS gateway reports of a message, recorded on it (its status only moves forward). */
final class SmsReceipts {

  private static final Pattern REF = Pattern.compile("^dp-outbox-(\\d{1,18})$");
  private static final Pattern GATEWAY_REF = Pattern.compile("^[\\x21-\\x7e]{1,128}$");
  private static final Set<String> STATUSES = Set.of("DELIVERED", "FAILED", "EXPIRED");

  /** One receipt: our message's outbox id or the gateway's own reference, and the outcome. */
  record Receipt(Long outboxId, String gatewayRef, String status, OffsetDateTime at) {

    /** The receipt in {@code body}, or a 400 naming every field in error. */
    static Receipt read(JsonObject body) {
      Fields in = Fields.of(body, Set.of("ref", "gatewayRef", "status", "at"));
      String ref = in.code("ref", false, REF, "Phải có dạng dp-outbox-<số>.");
      String gatewayRef = in.code("gatewayRef", false, GATEWAY_REF, "Mã tin nhắn của nhà mạng không hợp lệ.");
      String status = in.text("status", true, 1, 20);
      String at = in.text("at", false, 1, 40);
      if (ref == null && gatewayRef == null && !in.has("ref") && !in.has("gatewayRef")) {
        in.error("ref", "required", "Cần ref hoặc gatewayRef.");
      }
      if (status != null && !STATUSES.contains(status)) {
        in.error("status", "not_allowed", "Chỉ nhận DELIVERED, FAILED hoặc EXPIRED.");
      }
      OffsetDateTime when = OffsetDateTime.now();
      if (at != null) {
        try {
          when = OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
          in.error("at", "invalid_datetime", "Phải là thời điểm ISO 8601 có múi giờ.");
        }
      }
      in.throwIfInvalid();
      return new Receipt(ref == null ? null : Long.parseLong(ref.substring("dp-outbox-".length())),
          gatewayRef, status, when);
    }
  }

  private final Pool pool;

  SmsReceipts(Pool pool) {
    this.pool = pool;
  }

  /** Whether a message matched the receipt; what it changed is audited as {@code gateway}'s. */
  Future<Boolean> record(Actor gateway, Receipt receipt) {
    return pool.withTransaction(tx -> tx.preparedQuery(SmsSql.RECEIPT)
        .execute(Tuple.of(receipt.outboxId(), receipt.gatewayRef(), receipt.status(), receipt.at()))
        .compose(rows -> {
          List<AuditEntry> changed = new ArrayList<>();
          for (Row row : rows) {
            JsonObject before = new JsonObject().put("smsStatus", row.getString("status_before"))
                .put("receipt", row.getString("receipt_before"));
            JsonObject after = new JsonObject().put("smsStatus", row.getString("status"))
                .put("receipt", row.getString("receipt_status"));
            if (!before.equals(after)) { // a repeated receipt changes nothing
              changed.add(AuditEntry.onOrder(gateway, "sms.receipt", row.getUUID("order_id"),
                  before.put("ref", "dp-outbox-" + row.getLong("outbox_id")), after));
            }
          }
          return Audit.appendAll(tx, changed).map(rows.size() > 0);
        }));
  }
}

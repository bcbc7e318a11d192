package vn.dossierpost.audit;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * One record of the trail: who, what action, on which order (or, for what has no order, which
 * subject: an office, a key, an item code), and the state before and after — a status, or the
 * fields that changed. A phone number goes under {@link #PHONE}, so that it is masked on display.
 */
public record AuditEntry(Actor actor, String action, UUID orderId, String subject,
    JsonObject before, JsonObject after) {

  /** The key under which before/after hold a phone number (shown masked). */
  public static final String PHONE = "phone";

  public static AuditEntry onOrder(Actor actor, String action, UUID orderId, JsonObject before,
      JsonObject after) {
    return new AuditEntry(actor, action, orderId, null, before, after);
  }

  public static AuditEntry onSubject(Actor actor, String action, String subject, JsonObject before,
      JsonObject after) {
    return new AuditEntry(actor, action, null, subject, before, after);
  }

  /** {@code {"status": status}}, or null for no status. */
  public static JsonObject status(Object status) {
    return status == null ? null : new JsonObject().put("status", String.valueOf(status));
  }
}

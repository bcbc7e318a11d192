package vn.dossierpost.tracking;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One thing that happened to an item, normalised. {@code code} is null when the carrier's code
 * is not mapped: such an event is kept and flagged but never changes a status.
 */
public record TrackingEvent(
    Long id,
    UUID orderId,
    String itemCode,
    EventCode code,
    String rawCode,
    String rawText,
    OffsetDateTime occurredAt,
    Instant receivedAt,
    String locationCode,
    String locationName,
    String reason,
    String courier,
    JsonObject proof,
    JsonObject details,
    Long feeCollected,
    String receiptNumber,
    String sealNumber,
    EventSource source,
    String carrierEventId,
    String dedupKey,
    Set<String> flags) {

  public static final String FLAG_UNMAPPED = "UNMAPPED";
  public static final String FLAG_AFTER_FINAL = "AFTER_FINAL";
  public static final String FLAG_FUTURE = "FUTURE";
  public static final String FLAG_PARKED = "PARKED";
  /** Was parked, then given to the order that now carries its item code. */
  public static final String FLAG_ADOPTED = "ADOPTED";
  /** Adopted, and held back: its step needs proof it does not carry ({@link AdoptedSteps}). */
  public static final String FLAG_NEEDS_PROOF = "NEEDS_PROOF";

  public TrackingEvent {
    flags = Set.copyOf(flags == null ? Set.of() : flags);
    // As precise as the store keeps it: an event compares the same before and after storage.
    occurredAt = occurredAt == null ? null : occurredAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** An event this service records itself (desk cancellation, booking outcome). */
  public static TrackingEvent system(UUID orderId, String itemCode, EventCode code,
      EventSource source, OffsetDateTime at, String reason, String dedupKey) {
    return new TrackingEvent(null, orderId, itemCode, code, null, null, at, Instant.now(), null,
        null, reason, null, null, null, null, null, null, source, null, dedupKey, Set.of());
  }

  public TrackingEvent withFlags(Set<String> newFlags) {
    return new TrackingEvent(id, orderId, itemCode, code, rawCode, rawText, occurredAt, receivedAt,
        locationCode, locationName, reason, courier, proof, details, feeCollected, receiptNumber,
        sealNumber, source, carrierEventId, dedupKey, newFlags);
  }

  public TrackingEvent withId(Long newId) {
    return new TrackingEvent(newId, orderId, itemCode, code, rawCode, rawText, occurredAt,
        receivedAt, locationCode, locationName, reason, courier, proof, details, feeCollected,
        receiptNumber, sealNumber, source, carrierEventId, dedupKey, flags);
  }

  public TrackingEvent withOrder(UUID newOrderId) {
    return new TrackingEvent(id, newOrderId, itemCode, code, rawCode, rawText, occurredAt,
        receivedAt, locationCode, locationName, reason, courier, proof, details, feeCollected,
        receiptNumber, sealNumber, source, carrierEventId, dedupKey, flags);
  }

  public int rank() {
    return code == null ? 0 : code.rank();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("itemCode", itemCode)
        .put("code", code == null ? null : code.name())
        .put("rawCode", rawCode)
        .put("rawText", rawText)
        .put("occurredAt", occurredAt.toString())
        .put("receivedAt", receivedAt == null ? null : receivedAt.toString())
        .put("source", source.name());
    putIfPresent(json, "location", locationCode == null && locationName == null ? null
        : new JsonObject().put("code", locationCode).put("name", locationName));
    putIfPresent(json, "reason", reason);
    putIfPresent(json, "courier", courier);
    putIfPresent(json, "proof", proof);
    putIfPresent(json, "details", details);
    putIfPresent(json, "feeCollected", feeCollected);
    putIfPresent(json, "receiptNumber", receiptNumber);
    putIfPresent(json, "sealNumber", sealNumber);
    putIfPresent(json, "carrierEventId", carrierEventId);
    json.put("flags", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(flags))));
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}

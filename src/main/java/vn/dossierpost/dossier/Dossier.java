package vn.dossierpost.dossier;

import vn.dossierpost.order.OrderQuery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.geo.Address;
import vn.dossierpost.order.Order;

/** One dossier of an office, as stored: its mode, where it stands, and its legs by id. */
record Dossier(
    UUID id,
    String officeCode,
    String dossierCode,
    String procedureCode,
    DossierMode mode,
    DossierStatus status,
    String citizenName,
    String citizenPhone,
    JsonObject collectionAddress,
    JsonObject deliveryAddress,
    String contents,
    long feeToCollect,
    boolean notifySms,
    LocalDate appointmentDate,
    JsonObject supplement,
    UUID pickupOrderId,
    UUID deliveryOrderId,
    JsonArray steps,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime statusChangedAt) {

  static Dossier from(Row row) {
    return new Dossier(row.getUUID("id"), row.getString("office_code"),
        row.getString("dossier_code"), row.getString("procedure_code"),
        DossierMode.valueOf(row.getString("mode")), DossierStatus.valueOf(row.getString("status")),
        row.getString("citizen_name"), row.getString("citizen_phone"),
        (JsonObject) row.getValue("collection_address"), (JsonObject) row.getValue("delivery_address"),
        row.getString("contents"), row.getLong("fee_to_collect"), row.getBoolean("notify_sms"),
        row.getLocalDate("appointment_date"), (JsonObject) row.getValue("supplement"),
        row.getUUID("pickup_order_id"), row.getUUID("delivery_order_id"),
        (JsonArray) row.getValue("steps"), row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("status_changed_at"));
  }

  /** Its legs' ids, PICKUP first; absent legs left out. */
  List<UUID> legIds() {
    return java.util.stream.Stream.of(pickupOrderId, deliveryOrderId)
        .filter(java.util.Objects::nonNull).toList();
  }

  /** The leg a message or callback about the dossier travels on: the PICKUP leg if any. */
  UUID firstLeg() {
    return pickupOrderId != null ? pickupOrderId : deliveryOrderId;
  }

  /** Whether the desk has had the dossier in hand: received once, or handed in at the desk. */
  boolean receivedOnce() {
    if (mode == DossierMode.RESULT_BY_POST) {
      return true;
    }
    for (Object o : steps) {
      if (o instanceof JsonObject s && DossierStatus.RECEIVED.name().equals(s.getString("to"))) {
        return true;
      }
    }
    return false;
  }

  /** How many times the desk asked for a supplement so far. */
  int supplements() {
    int n = 0;
    for (Object o : steps) {
      if (o instanceof JsonObject s && Step.SUPPLEMENT.key().equals(s.getString("step"))) {
        n++;
      }
    }
    return n;
  }

  /** As the list shows it: legs by id. */
  static final String OVERDUE = "OVERDUE";

  /**
   * The result is not with the citizen and its appointment date has passed (counted in
   * Vietnam's day): the dossier is late. Worked out when read, so it never lags a clock.
   */
  boolean overdue(LocalDate today) {
    return appointmentDate != null && appointmentDate.isBefore(today) && !status.resultGiven();
  }

  JsonObject toJson() {
    JsonArray allowed = new JsonArray();
    Step.allowed(this).forEach(s -> allowed.add(s.path()));
    return new JsonObject()
        .put("id", id.toString())
        .put("officeCode", officeCode)
        .put("dossierCode", dossierCode)
        .put("procedureCode", procedureCode)
        .put("mode", mode.name())
        .put("status", status.name())
        .put("appointmentDate", appointmentDate == null ? null : appointmentDate.toString())
        .put("flags", overdue(LocalDate.now(OrderQuery.VIETNAM)) ? new JsonArray().add(OVERDUE)
            : new JsonArray())
        // as an order shows its citizen to its own desk
        .put("citizen", new JsonObject().put("name", citizenName).put("phone", citizenPhone))
        .put("collectionAddress", collectionAddress)
        .put("deliveryAddress", deliveryAddress)
        .put("contents", contents)
        .put("feeToCollect", feeToCollect)
        .put("notifySms", notifySms)
        .put("supplement", supplement)
        .put("pickupOrderId", pickupOrderId == null ? null : pickupOrderId.toString())
        .put("deliveryOrderId", deliveryOrderId == null ? null : deliveryOrderId.toString())
        .put("allowedSteps", allowed)
        .put("steps", steps)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("statusChangedAt", statusChangedAt.toString());
  }

  /** As {@code GET /api/v1/dossiers/{id}} shows it: each leg as its order's own GET shows it. */
  JsonObject toJson(List<Order> legs) {
    JsonArray items = new JsonArray();
    legs.forEach(o -> items.add(o.toJson()));
    return toJson().put("legs", items);
  }

  static JsonObject address(Address a) {
    return a == null ? null : a.toJson();
  }
}

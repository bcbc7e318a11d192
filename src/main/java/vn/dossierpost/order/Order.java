package vn.dossierpost.order;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;
import vn.dossierpost.geo.Address;
import vn.dossierpost.s10.S10;

/** One leg booked by an office: the order aggregate as stored. */
public record Order(
    UUID id,
    String officeCode,
    String dossierCode,
    String procedureCode,
    Leg leg,
    OrderStatus status,
    String orderNumber,
    String itemCode,
    Citizen citizen,
    String contents,
    long feeToCollect,
    boolean notifySms,
    String statusReason,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime statusChangedAt,
    OffsetDateTime bookedAt,
    int linkGeneration,
    int callbackSeq,
    java.util.List<String> flags,
    OffsetDateTime lastEventAt) {

  /** The one row mapper of the aggregate; columns as in {@link OrderSql#COLUMNS}. */
  public static Order from(Row row) {
    return new Order(
        row.getUUID("id"),
        row.getString("office_code"),
        row.getString("dossier_code"),
        row.getString("procedure_code"),
        Leg.valueOf(row.getString("leg")),
        OrderStatus.valueOf(row.getString("status")),
        row.getString("order_number"),
        row.getString("item_code"),
        new Citizen(row.getString("citizen_name"), row.getString("citizen_phone"),
            new Address(row.getString("address_line"), row.getString("commune_code"),
                row.getString("province_code"), row.getString("district_name"))),
        row.getString("contents"),
        row.getLong("fee_to_collect"),
        row.getBoolean("notify_sms"),
        row.getString("status_reason"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getOffsetDateTime("status_changed_at"),
        row.getOffsetDateTime("booked_at"),
        row.getInteger("link_generation"),
        row.getInteger("callback_seq"),
        java.util.List.of(row.getArrayOfStrings("flags")),
        row.getOffsetDateTime("last_event_at"));
  }

  /** This order as it is after the reconciler moved it. */
  public Order withStatus(OrderStatus newStatus, String reason) {
    return new Order(id, officeCode, dossierCode, procedureCode, leg, newStatus, orderNumber,
        itemCode, citizen, contents, feeToCollect, notifySms, reason, createdAt, updatedAt,
        statusChangedAt, bookedAt, linkGeneration, callbackSeq, flags, lastEventAt);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("officeCode", officeCode)
        .put("dossierCode", dossierCode)
        .put("procedureCode", procedureCode)
        .put("leg", leg.name())
        .put("status", status.name())
        .put("statusReason", statusReason)
        .put("orderNumber", orderNumber)
        .put("itemCode", itemCode)
        .put("itemCodeDisplay", itemCode == null ? null : S10.grouped(itemCode))
        .put("citizen", citizen.toJson())
        .put("contents", contents)
        .put("feeToCollect", feeToCollect)
        .put("feeCollection", leg.feeCollection())
        .put("notifySms", notifySms)
        .put("createdAt", createdAt.toString())
        .put("updatedAt", updatedAt.toString())
        .put("statusChangedAt", statusChangedAt.toString())
        .put("bookedAt", bookedAt == null ? null : bookedAt.toString())
        .put("lastEventAt", lastEventAt == null ? null : lastEventAt.toString())
        .put("flags", new io.vertx.core.json.JsonArray(flags));
  }
}

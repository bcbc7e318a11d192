package vn.dossierpost.label;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.order.Leg;

/**
 * A handover record (biên bản bàn giao): the items an office gives a courier in one batch. Its
 * code, printed as one barcode, lets the courier accept the whole batch with one scan.
 */
public record Manifest(UUID id, String code, String officeCode, String courierName,
    String postalUnit, String note, OffsetDateTime createdAt, OffsetDateTime acceptedAt,
    List<Item> items) {

  /** One item on the record. */
  public record Item(UUID orderId, String itemCode, String dossierCode, Leg leg, long feeToCollect,
      String status, String communeCode) {

    /** Where the item goes (or comes from): {@code Phường Hoàn Kiếm, Hà Nội}, for sorting. */
    public String place() {
      return vn.dossierpost.geo.AdminUnits.get().commune(communeCode)
          .map(c -> c.name() + ", " + vn.dossierpost.geo.Provinces.name(c.provinceCode()).orElse(""))
          .orElse(communeCode);
    }
  }

  public long totalFees() {
    return items.stream().mapToLong(Item::feeToCollect).sum();
  }

  public JsonObject toJson() {
    JsonArray rows = new JsonArray();
    for (Item item : items) {
      rows.add(new JsonObject().put("orderId", item.orderId().toString())
          .put("itemCode", item.itemCode()).put("dossierCode", item.dossierCode())
          .put("leg", item.leg().name()).put("feeToCollect", item.feeToCollect())
          .put("status", item.status()).put("communeCode", item.communeCode())
          .put("commune", item.place()));
    }
    return new JsonObject()
        .put("id", id.toString())
        .put("code", code)
        .put("officeCode", officeCode)
        .put("courierName", courierName)
        .put("postalUnit", postalUnit)
        .put("note", note)
        .put("createdAt", createdAt.toString())
        .put("acceptedAt", acceptedAt == null ? null : acceptedAt.toString())
        .put("items", rows)
        .put("totals", new JsonObject().put("items", items.size()).put("feeToCollect", totalFees()))
        .put("pdf", "/api/v1/manifests/" + id + "/pdf");
  }
}

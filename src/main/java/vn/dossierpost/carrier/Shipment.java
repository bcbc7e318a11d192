package vn.dossierpost.carrier;

import io.vertx.core.json.JsonObject;
import vn.dossierpost.access.Office;
import vn.dossierpost.geo.Address;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;

/**
 * One leg as the carrier books it. For a PICKUP the sender is the citizen and the receiver the
 * office; for a DELIVERY the reverse (DOMAIN.md). Only what delivery needs is sent: names,
 * addresses, phones, the fee to collect.
 */
public record Shipment(String orderNumber, String itemCode, Party sender, Party receiver,
    String senderDesc, long codAmount, String description) {

  /** One end of the leg. */
  public record Party(String name, Address address, String phone) {
  }

  public static Shipment of(Order order, Office office) {
    Party citizen = new Party(order.citizen().name(), order.citizen().address(),
        order.citizen().phone());
    Party desk = new Party(office.name(), office.address(), office.phone());
    boolean pickup = order.leg() == Leg.PICKUP;
    String description = (pickup ? "Nhận hồ sơ " : "Trả kết quả hồ sơ ") + order.dossierCode();
    return new Shipment(order.orderNumber(), order.itemCode(), pickup ? citizen : desk,
        pickup ? desk : citizen, order.contents(), order.feeToCollect(), description);
  }

  /** The create-order body of the VNPost HCC contract. */
  public JsonObject toVnpost(String customerCode) {
    JsonObject json = new JsonObject()
        .put("CustomerCode", customerCode)
        .put("OrderNumber", orderNumber)
        .put("ServiceCode", "HCC");
    if (itemCode != null) {
      json.put("ItemCode", itemCode);
    }
    party(json, "Sender", sender);
    json.put("SenderDesc", truncate(senderDesc, 500));
    party(json, "Receiver", receiver);
    return json.put("CODAmount", codAmount).put("Description", truncate(description, 500));
  }

  private static void party(JsonObject json, String prefix, Party party) {
    json.put(prefix + "Name", truncate(party.name(), 200))
        .put(prefix + "Address", truncate(party.address().oneLine(), 300))
        .put(prefix + "Tel", party.phone() == null ? null : Phones.national(party.phone()))
        .put(prefix + "Province", party.address().provinceCode())
        .put(prefix + "Commune", party.address().communeCode());
    if (party.address().district() != null) {
      json.put(prefix + "District", truncate(party.address().district(), 100));
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

package vn.dossierpost.dossier;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import vn.dossierpost.geo.Address;
import vn.dossierpost.order.Citizen;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderRequest;

/** A validated dossier: addresses present exactly where its mode needs them. */
record DossierRequest(String dossierCode, String procedureCode, DossierMode mode, String name,
    String phone, Address collectionAddress, Address deliveryAddress, String contents,
    long feeToCollect, boolean notifySms) {

  static final String PICKUP_CONTENTS = "Hồ sơ thủ tục hành chính";
  static final String DELIVERY_CONTENTS = "Kết quả giải quyết thủ tục hành chính";

  JsonObject canonical() {
    return new JsonObject().put("dossierCode", dossierCode).put("procedureCode", procedureCode)
        .put("mode", mode.name()).put("name", name).put("phone", phone)
        .put("collectionAddress", Dossier.address(collectionAddress))
        .put("deliveryAddress", Dossier.address(deliveryAddress)).put("contents", contents)
        .put("feeToCollect", feeToCollect).put("notifySms", notifySms);
  }

  byte[] fingerprint() {
    return sha256("dossier|" + canonical().encode());
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The leg of {@code leg}. The fee due goes with the first leg the post carries: collected
   * with the dossier (Circular 17 Art. 5 step 4), or on delivery of the result when the post
   * only brings the result.
   */
  OrderRequest leg(Leg leg) {
    boolean pickup = leg == Leg.PICKUP;
    long fee = pickup || !mode.submits() ? feeToCollect : 0;
    String text = contents != null ? contents : pickup ? PICKUP_CONTENTS : DELIVERY_CONTENTS;
    return new OrderRequest(dossierCode, procedureCode, leg,
        new Citizen(name, phone, pickup ? collectionAddress : deliveryAddress), text, fee, notifySms);
  }
}

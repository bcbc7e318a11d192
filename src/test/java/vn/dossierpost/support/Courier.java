package vn.dossierpost.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A postal courier of one postal unit, scanning with the courier API. */
public final class Courier {

  private final Http http;
  private final String key;

  public Courier(TestApp app, String postalUnit) {
    this.http = app.http();
    this.key = app.courierKey(postalUnit);
  }

  public String key() {
    return key;
  }

  public Http.Response scans(JsonObject scan) {
    return http.post("/api/v1/scans", key, scan);
  }

  /** The item card: what the courier sees of an item before acting on it. */
  public Http.Response looksUp(String itemCode) {
    return http.get("/api/v1/courier/items/" + itemCode, key);
  }

  public static JsonObject scan(String itemCode, String action) {
    return new JsonObject().put("scanId", "scan-" + UUID.randomUUID()).put("itemCode", itemCode)
        .put("action", action).put("scannedAt", OffsetDateTime.now().toString())
        .put("courier", "Phạm Văn Bình").put("location", new JsonObject().put("code", "650000")
            .put("name", "Bưu cục Nha Trang"));
  }

  /** A pickup collection with everything Circular 17 asks for. */
  public static JsonObject pickup(String itemCode, long fee) {
    JsonObject scan = scan(itemCode, "COLLECTED")
        .put("checklist", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)))
        .put("sealNumber", "NP-0012345");
    if (fee > 0) {
      scan.put("fee", new JsonObject().put("amount", fee).put("receiptNumber", "BL-0099"));
    }
    return scan;
  }

  /** A delivery with proof of who received it. */
  public static JsonObject delivery(String itemCode, long fee) {
    JsonObject scan = scan(itemCode, "DELIVERED").put("proof", new JsonObject()
        .put("recipientName", "Nguyễn Văn An").put("idType", "CCCD").put("idLast4", "6789")
        .put("signatureRef", "sig-" + UUID.randomUUID()));
    if (fee > 0) {
      scan.put("fee", new JsonObject().put("amount", fee).put("receiptNumber", "BL-0100"));
    }
    return scan;
  }
}

package vn.dossierpost.support;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/** A desk officer of one office, talking to the dossiers API. */
public final class Dossiers {

  private final Http http;
  private final TestApp.OfficeKeys office;

  public Dossiers(TestApp app, TestApp.OfficeKeys office) {
    this.http = app.http();
    this.office = office;
  }

  public String office() {
    return office.office();
  }

  /** A valid dossier of {@code mode} with the addresses that mode needs. */
  public static JsonObject sample(String dossierCode, String mode) {
    JsonObject address = new JsonObject().put("line", "12 Tràng Tiền").put("communeCode", "00070")
        .put("provinceCode", "01");
    JsonObject body = new JsonObject().put("dossierCode", dossierCode).put("procedureCode", "1.001234")
        .put("mode", mode)
        .put("citizen", new JsonObject().put("name", "Nguyễn Văn An").put("phone", "0912345678"))
        .put("feeToCollect", 50000).put("notifySms", true);
    if (!"RESULT_BY_POST".equals(mode)) {
      body.put("collectionAddress", address);
    }
    if (!"SUBMIT_BY_POST".equals(mode)) {
      body.put("deliveryAddress", address.copy().put("line", "5 Lê Lợi"));
    }
    return body;
  }

  public Http.Response creates(JsonObject body, String idempotencyKey) {
    return http.post("/api/v1/dossiers", office.deskKey(), body,
        Map.of("Idempotency-Key", idempotencyKey));
  }

  /** Creates a dossier of {@code mode} that must succeed; answers it with its legs. */
  public JsonObject created(String mode) {
    Http.Response response = creates(sample(Samples.dossierCode(office()), mode),
        UUID.randomUUID().toString());
    if (response.status() != 201) {
      throw new AssertionError("dossier not created: " + response);
    }
    return response.json();
  }

  public Http.Response dossier(String id) {
    return http.get("/api/v1/dossiers/" + id, office.deskKey());
  }

  public Http.Response list(String query) {
    return http.get("/api/v1/dossiers" + (query.isEmpty() ? "" : "?" + query), office.deskKey());
  }

  /** A desk's step ({@code receive}, {@code result-ready}, …) with its own Idempotency-Key. */
  public Http.Response step(String id, String step, JsonObject body, String idempotencyKey) {
    return http.post("/api/v1/dossiers/" + id + "/" + step, office.deskKey(), body,
        Map.of("Idempotency-Key", idempotencyKey));
  }

  public Http.Response step(String id, String step, JsonObject body) {
    return step(id, step, body, UUID.randomUUID().toString());
  }

  /** The leg of {@code leg} as the dossier shows it. */
  public static JsonObject leg(JsonObject dossier, String leg) {
    for (Object o : dossier.getJsonArray("legs")) {
      JsonObject order = (JsonObject) o;
      if (leg.equals(order.getString("leg"))) {
        return order;
      }
    }
    return null;
  }
}

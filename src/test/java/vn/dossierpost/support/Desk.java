package vn.dossierpost.support;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/** A desk officer of one office, talking to the orders API. */
public final class Desk {

  private final Http http;
  private final TestApp.OfficeKeys office;

  public Desk(TestApp app, TestApp.OfficeKeys office) {
    this.http = app.http();
    this.office = office;
  }

  public String office() {
    return office.office();
  }

  public String key() {
    return office.deskKey();
  }

  public Http.Response books(JsonObject order) {
    return books(order, UUID.randomUUID().toString());
  }

  public Http.Response books(JsonObject order, String idempotencyKey) {
    return http.post("/api/v1/orders", office.deskKey(), order,
        Map.of("Idempotency-Key", idempotencyKey));
  }

  /** Books a leg that must succeed; answers the stored order. */
  public JsonObject booked(String leg) {
    Http.Response response = books(Samples.order(Samples.dossierCode(office()), leg));
    if (response.status() != 201) {
      throw new AssertionError("booking failed: " + response);
    }
    return response.json();
  }

  public Http.Response order(String id) {
    return http.get("/api/v1/orders/" + id, office.deskKey());
  }

  public Http.Response list(String query) {
    return http.get("/api/v1/orders" + (query.isEmpty() ? "" : "?" + query), office.deskKey());
  }

  public Http.Response cancels(String id) {
    return http.post("/api/v1/orders/" + id + "/cancel", office.deskKey(), new JsonObject());
  }

  public Http.Response events(String id) {
    return http.get("/api/v1/orders/" + id + "/events", office.deskKey());
  }

  /** The desk receives a collected dossier, tallying {@code checklist} with the seal intact. */
  public Http.Response receives(String id, io.vertx.core.json.JsonArray checklist) {
    return http.post("/api/v1/orders/" + id + "/receive", office.deskKey(),
        new JsonObject().put("checklist", checklist).put("sealIntact", true));
  }
}

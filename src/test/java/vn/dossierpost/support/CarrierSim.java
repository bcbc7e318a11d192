package vn.dossierpost.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/** Steers the simulated carrier of a running service through its {@code /sim} controls. */
public final class CarrierSim {

  private final Http http;

  public CarrierSim(TestApp app) {
    this.http = new Http(io.vertx.ext.web.client.WebClient.create(app.app().vertx()),
        app.app().carrierUrl());
  }

  public void faults(JsonObject faults) {
    expectOk(http.send(HttpMethod.PUT, "/sim/faults", null, faults.toBuffer(), json()));
  }

  public void noFaults() {
    expectOk(http.send(HttpMethod.DELETE, "/sim/faults", null, null, Map.of()));
  }

  public void scenario(String orderNumber, String scenario) {
    expectOk(http.send(HttpMethod.PUT, "/sim/scenarios/" + orderNumber, null,
        new JsonObject().put("scenario", scenario).toBuffer(), json()));
  }

  public void advance(String itemCode, int steps) {
    expectOk(http.send(HttpMethod.POST, "/sim/shipments/" + itemCode + "/advance?steps=" + steps,
        null, null, Map.of()));
  }

  public void publish(String itemCode, JsonObject record) {
    expectOk(http.send(HttpMethod.POST, "/sim/shipments/" + itemCode + "/events", null,
        record.toBuffer(), json()));
  }

  /** Also push every record published from now on, signed with {@code secret}. */
  public void pushTo(String url, String secret) {
    expectOk(http.send(HttpMethod.PUT, "/sim/push", null,
        new JsonObject().put("url", url).put("secret", secret).toBuffer(), json()));
  }

  public JsonArray shipments() {
    return expectOk(http.get("/sim/shipments", null)).json().getJsonArray("items");
  }

  public JsonObject shipment(String orderNumber) {
    JsonArray items = expectOk(http.get("/sim/shipments?orderNumber=" + orderNumber, null)).json()
        .getJsonArray("items");
    return items.isEmpty() ? null : items.getJsonObject(0);
  }

  public JsonObject stats() {
    return expectOk(http.get("/sim/stats", null)).json();
  }

  /** The carrier API itself, for contract tests: a fresh token each time. */
  public Http.Response api(HttpMethod method, String path, JsonObject body) {
    String token = expectOk(http.send(HttpMethod.POST, "/api/token", null,
        new JsonObject().put("customerKey", "demo-customer-key").put("secretKey", "demo-customer-secret")
            .toBuffer(), json())).json().getString("token");
    return http.send(method, path, token, body == null ? null : body.toBuffer(), json());
  }

  public Http http() {
    return http;
  }

  private static Map<String, String> json() {
    return Map.of("Content-Type", "application/json");
  }

  private static Http.Response expectOk(Http.Response response) {
    if (response.status() / 100 != 2) {
      throw new AssertionError("simulator control failed: " + response);
    }
    return response;
  }
}

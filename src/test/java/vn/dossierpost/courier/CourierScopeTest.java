package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * A courier acts only for the offices its postal unit serves, and only on items an order
 * carries: anything else is answered exactly like an item that does not exist, and leaves
 * nothing behind.
 */
class CourierScopeTest {

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys office = app.newOffice();
  private final Desk desk = new Desk(app, office);
  private final Courier ours = new Courier(app, "650000");
  private final Courier stranger = new Courier(app, "999999");
  private final Db db = new Db(app.services().pool());

  @Test
  void aCourierOfAUnitThatDoesNotServeTheOfficeGetsNotFoundExactlyLikeForAnUnknownItem() {
    JsonObject order = booked("DELIVERY");
    String unknownItem = S10.of("EZ", (long) (Math.random() * 90_000_000), "VN");

    Http.Response outOfScope = stranger.scans(Courier.scan(order.getString("itemCode"), "COLLECTED"));
    Http.Response unknown = stranger.scans(Courier.scan(unknownItem, "COLLECTED"));

    assertThat(outOfScope.status()).isEqualTo(404);
    assertThat(outOfScope.header("Content-Type")).startsWith("application/problem+json");
    assertThat(withoutRequestId(outOfScope.json())).isEqualTo(withoutRequestId(unknown.json()));
    assertThat(events(order)).isEqualTo(1);
    assertThat(status(order)).isEqualTo("BOOKED");
  }

  @Test
  void theSameScanByACourierOfAServingUnitIsRecorded() {
    JsonObject order = booked("DELIVERY");

    Http.Response response = ours.scans(Courier.scan(order.getString("itemCode"), "COLLECTED"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(status(order)).isEqualTo("COLLECTED");
  }

  @Test
  void aManifestOfAnOfficeTheUnitDoesNotServeIsNotFoundAndStaysUnaccepted() {
    JsonObject order = booked("DELIVERY");
    JsonObject manifest = manifest(order, null);

    Http.Response response = stranger.scans(manifestScan(manifest));

    assertThat(response.status()).isEqualTo(404);
    assertThat(accepted(manifest)).isNull();
    assertThat(status(order)).isEqualTo("BOOKED");
  }

  @Test
  void aManifestAddressedToOneUnitIsNotFoundForAnotherServingUnit() {
    JsonObject order = booked("DELIVERY");
    JsonObject manifest = manifest(order, "100000");

    Http.Response other = ours.scans(manifestScan(manifest));
    Http.Response addressee = new Courier(app, "100000").scans(manifestScan(manifest));

    assertThat(other.status()).isEqualTo(404);
    assertThat(addressee.status()).as(addressee.toString()).isEqualTo(200);
    assertThat(status(order)).isEqualTo("COLLECTED");
  }

  @Test
  void aManifestCannotBeAddressedToAUnitThatDoesNotServeTheOffice() {
    JsonObject order = booked("DELIVERY");

    Http.Response made = app.http().post("/api/v1/manifests", desk.key(), new JsonObject()
        .put("orderIds", new JsonArray().add(order.getString("id"))).put("postalUnit", "999999"));

    assertThat(made.status()).isEqualTo(422);
    assertThat(made.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("postalUnit");
  }

  @Test
  void aCourierScanOfAnItemNoOrderCarriesIsRefusedAndNothingIsParked() {
    String nobodys = S10.of("EZ", (long) (Math.random() * 90_000_000), "VN");

    Http.Response response = ours.scans(Courier.scan(nobodys, "COLLECTED"));
    Http.Response delivered = ours.scans(Courier.delivery(nobodys, 0));

    assertThat(response.status()).isEqualTo(404);
    assertThat(delivered.status()).isEqualTo(404);
    assertThat(db.count("SELECT count(*) FROM order_events WHERE item_code = $1", nobodys)).isZero();
  }

  @Test
  void anAdminNamesTheUnitsServingAnOfficeAndAPolicyWithoutThemKeepsThem() {
    String path = "/api/v1/admin/offices/" + office.office() + "/policy";

    Http.Response set = put(path, new JsonObject().put("servingPostalUnits", new JsonArray().add("700000")));
    Http.Response other = put(path, new JsonObject().put("maxAttempts", 3));
    Http.Response bad = put(path, new JsonObject().put("servingPostalUnits", new JsonArray().add("70000").add(7)));
    JsonObject order = booked("DELIVERY");

    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().getJsonArray("servingPostalUnits")).containsExactly("700000");
    assertThat(other.json().getJsonArray("servingPostalUnits")).containsExactly("700000");
    assertThat(other.json().getInteger("maxAttempts")).isEqualTo(3);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList())
        .containsExactly("servingPostalUnits[0]", "servingPostalUnits[1]");
    assertThat(ours.scans(Courier.scan(order.getString("itemCode"), "COLLECTED")).status()).isEqualTo(404);
    assertThat(new Courier(app, "700000").scans(Courier.scan(order.getString("itemCode"), "COLLECTED")).status())
        .isEqualTo(200);
  }

  private Http.Response put(String path, JsonObject body) {
    return app.http().send(HttpMethod.PUT, path, app.adminKey(), body.toBuffer(),
        Map.of("Content-Type", "application/json"));
  }

  private JsonObject manifest(JsonObject order, String postalUnit) {
    JsonObject request = new JsonObject().put("orderIds", new JsonArray().add(order.getString("id")));
    if (postalUnit != null) {
      request.put("postalUnit", postalUnit);
    }
    Http.Response made = app.http().post("/api/v1/manifests", desk.key(), request);
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    return made.json();
  }

  private static JsonObject manifestScan(JsonObject manifest) {
    return new JsonObject().put("scanId", "mf-" + UUID.randomUUID()).put("manifestCode", manifest.getString("code"))
        .put("action", "COLLECTED").put("scannedAt", OffsetDateTime.now().toString());
  }

  private String accepted(JsonObject manifest) {
    return app.http().get("/api/v1/manifests/" + manifest.getString("id"), desk.key()).json().getString("acceptedAt");
  }

  private static JsonObject withoutRequestId(JsonObject problem) {
    JsonObject copy = problem.copy();
    copy.remove("requestId");
    copy.remove("instance");
    return copy;
  }

  private long events(JsonObject order) {
    return db.count("SELECT count(*) FROM order_events WHERE item_code = $1", order.getString("itemCode"));
  }

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private String status(JsonObject order) {
    return desk.order(order.getString("id")).json().getString("status");
  }
}

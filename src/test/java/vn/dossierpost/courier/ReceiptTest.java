package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The desk receives a collected dossier: a match completes the pickup, a gap is followed up. */
class ReceiptTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "650000");

  @Test
  void aTallyThatMatchesThePickupListCompletesTheLeg() {
    JsonObject order = collected();

    Http.Response response = receive(order, tally(1, 2), true);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().getBoolean("match")).isTrue();
    assertThat(response.json().getJsonObject("order").getString("status")).isEqualTo("DELIVERED");
    JsonArray events = desk.events(order.getString("id")).json().getJsonArray("items");
    JsonObject receipt = events.getJsonObject(events.size() - 1);
    assertThat(receipt.getString("source")).isEqualTo("DESK");
    assertThat(receipt.getJsonObject("details").getString("appointmentDate")).isEqualTo("2025-12-05");
  }

  @Test
  void aMissingCopyIsRecordedAndTheOrderFlaggedUntilItIsResolved() {
    JsonObject order = collected();

    Http.Response gap = receive(order, tally(1, 1), true);

    assertThat(gap.json().getBoolean("match")).isFalse();
    assertThat(gap.json().getJsonArray("discrepancies").getString(0)).contains("Thiếu 1").contains("bản sao");
    JsonObject flagged = desk.order(order.getString("id")).json();
    assertThat(flagged.getString("status")).isEqualTo("COLLECTED");
    assertThat(flagged.getJsonArray("flags")).contains("FOLLOW_UP");
    assertThat(app.http().get("/api/v1/reports/attention", desk.key()).text()).contains(order.getString("id"));

    Http.Response resolved = receive(order, tally(1, 2), true);

    assertThat(resolved.json().getBoolean("match")).isTrue();
    JsonObject done = desk.order(order.getString("id")).json();
    assertThat(done.getString("status")).isEqualTo("DELIVERED");
    assertThat(done.getJsonArray("flags")).doesNotContain("FOLLOW_UP");
  }

  @Test
  void aBrokenSealIsADiscrepancyEvenWithEveryDocument() {
    JsonObject order = collected();

    Http.Response response = receive(order, tally(1, 2), false);

    assertThat(response.json().getBoolean("match")).isFalse();
    assertThat(response.json().getJsonArray("discrepancies").getString(0)).contains("Niêm phong");
  }

  @Test
  void onlyAPickupThatTheCourierHasCanBeReceived() {
    String delivery = desk.booked("DELIVERY").getString("id");
    JsonObject notCollected = booked("PICKUP");

    Http.Response wrongLeg = app.http().post("/api/v1/orders/" + delivery + "/receive", desk.key(),
        new JsonObject().put("checklist", tally(1, 2)).put("sealIntact", true));
    Http.Response tooEarly = receive(notCollected, tally(1, 2), true);
    Http.Response stranger = app.http().post("/api/v1/orders/" + notCollected.getString("id") + "/receive",
        new Desk(app, app.newOffice()).key(), new JsonObject().put("checklist", tally(1, 2)).put("sealIntact", true));

    assertThat(wrongLeg.status()).isEqualTo(409);
    assertThat(tooEarly.status()).isEqualTo(409);
    assertThat(tooEarly.json().getString("type")).isEqualTo("/problems/not-receivable");
    assertThat(stranger.status()).isEqualTo(404);
  }

  private Http.Response receive(JsonObject order, JsonArray checklist, boolean sealIntact) {
    return app.http().post("/api/v1/orders/" + order.getString("id") + "/receive", desk.key(),
        new JsonObject().put("checklist", checklist).put("sealIntact", sealIntact)
            .put("feeHandedOver", new JsonObject().put("amount", 50_000).put("receiptNumber", "BL-0099"))
            .put("appointmentDate", "2025-12-05"));
  }

  private static JsonArray tally(int originals, int copies) {
    return new JsonArray()
        .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", originals))
        .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", copies));
  }

  private JsonObject collected() {
    JsonObject order = booked("PICKUP");
    Http.Response scan = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    return order;
  }

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }
}

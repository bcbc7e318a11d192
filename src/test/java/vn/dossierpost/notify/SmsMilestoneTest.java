package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * A milestone already messaged for an order is not messaged again: a carrier record sent again
 * brings an order back into a status it had, and its citizen gets one message for it; a
 * courier's re-scan and a manifest scanned again are stopped earlier, by the courier's steps.
 * All through the service's own outbox worker and console gateway.
 */
class SmsMilestoneTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "650000");
  private final CarrierPush carrier = new CarrierPush(app);
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3);

  private JsonObject booked() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY").put("notifySms", true);
    request.getJsonObject("citizen").put("phone",
        "091" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)));
    String id = desk.books(request).json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private String status(String orderId) {
    return desk.order(orderId).json().getString("status");
  }

  /** The carrier's record of {@code code} for the item, {@code minutes} after the start, alone in its push. */
  private void carrierReports(JsonObject order, int code, int minutes, String expectedStatus) {
    carrierReportsAt(order, code, start.plusMinutes(minutes), expectedStatus);
  }

  /** Courier scans are checked against the status at their time, so they come after the booking. */
  private void courierScans(JsonObject scan, OffsetDateTime at) {
    scan.put("scannedAt", at.toString());
    assertThat(courier.scans(scan).status()).isEqualTo(200);
  }

  private void carrierReportsAt(JsonObject order, int code, OffsetDateTime at, String expectedStatus) {
    carrier.push(CarrierPush.batch(List.of(CarrierPush.record(order.getString("itemCode"), code, at))));
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(status(order.getString("id"))).isEqualTo(expectedStatus));
  }

  private static OffsetDateTime afterBooking() {
    return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1);
  }

  /** Once every SMS job of the order has run: the templates of the messages sent, oldest first. */
  private List<String> sent(JsonObject order) {
    UUID id = UUID.fromString(order.getString("id"));
    Eventually.within(Duration.ofSeconds(15), () -> assertThat(db.count(
        "SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'sms.send' AND status <> 'DONE'", id))
        .isZero());
    List<String> templates = new ArrayList<>();
    TestApp.await(app.services().pool().preparedQuery(
            "SELECT template FROM sms_messages WHERE order_id = $1 AND status = 'SENT' ORDER BY outbox_id")
        .execute(Tuple.of(id))).forEach(row -> templates.add(row.getString(0)));
    return templates;
  }

  private long repeatsSuppressed(JsonObject order) {
    return db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1 AND status = 'SUPPRESSED' "
        + "AND reason = 'milestone already messaged'", UUID.fromString(order.getString("id")));
  }

  @Test
  void aCourierWhoScansAnItemCollectedAgainDoesNotTellTheCitizenTwice() {
    JsonObject order = booked();
    String item = order.getString("itemCode");
    OffsetDateTime t = afterBooking();
    courierScans(Courier.scan(item, "COLLECTED"), t);
    carrierReportsAt(order, 11, t.plusSeconds(10), "IN_TRANSIT");

    // The courier's steps refuse collecting an item in transit, so the repeat never reaches SMS.
    JsonObject again = Courier.scan(item, "COLLECTED").put("scannedAt", t.plusSeconds(20).toString());
    assertThat(courier.scans(again).status()).isEqualTo(409);

    assertThat(status(order.getString("id"))).isEqualTo("IN_TRANSIT");
    assertThat(sent(order)).containsExactly("delivery.handed_over");
  }

  @Test
  void aCarrierRecordSentAgainIsNotMessagedAgainButANewAttemptIs() {
    JsonObject order = booked();
    carrierReports(order, 6, 0, "COLLECTED");
    carrierReports(order, 11, 10, "IN_TRANSIT");
    carrierReports(order, 6, 20, "COLLECTED");
    carrierReports(order, 12, 30, "OUT_FOR_DELIVERY");
    carrierReports(order, 11, 40, "IN_TRANSIT");
    carrierReports(order, 12, 50, "OUT_FOR_DELIVERY");
    carrierReports(order, 15, 60, "DELIVERY_FAILED");
    carrierReports(order, 12, 70, "OUT_FOR_DELIVERY");

    assertThat(sent(order)).containsExactly("delivery.handed_over", "delivery.out_for_delivery",
        "delivery.failed", "delivery.out_for_delivery");
    assertThat(repeatsSuppressed(order)).isEqualTo(2);
  }

  @Test
  void aCorrectedPhoneIsToldTheCurrentMilestoneOnceAndARepeatStillSendsNothing() {
    JsonObject order = booked();
    carrierReports(order, 6, 0, "COLLECTED");
    assertThat(sent(order)).containsExactly("delivery.handed_over");

    assertThat(app.http().send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/orders/" + order.getString("id")
        + "/citizen-phone", desk.key(), new JsonObject().put("phone", "0987 654 321").toBuffer(),
        java.util.Map.of("Content-Type", "application/json")).status()).isEqualTo(200);
    carrierReports(order, 11, 10, "IN_TRANSIT");
    carrierReports(order, 6, 20, "COLLECTED");

    assertThat(sent(order)).containsExactly("delivery.handed_over", "delivery.handed_over");
    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1 AND status = 'SENT' "
        + "AND phone = '+84987654321'", UUID.fromString(order.getString("id")))).isEqualTo(1);
    assertThat(repeatsSuppressed(order)).isEqualTo(1);
  }

  @Test
  void scanningAManifestWhoseItemsWereCollectedAlreadySendsNoSecondHandoverMessage() {
    List<JsonObject> orders = List.of(booked(), booked());
    JsonObject manifest = app.http().post("/api/v1/manifests", desk.key(), new JsonObject()
        .put("orderIds", new JsonArray(orders.stream().map(o -> o.getString("id")).toList()))).json();
    JsonObject scan = new JsonObject().put("manifestCode", manifest.getString("code")).put("action", "COLLECTED");
    OffsetDateTime t = afterBooking();
    courierScans(scan.copy().put("scanId", "mf-" + UUID.randomUUID()), t);
    for (JsonObject order : orders) {
      carrierReportsAt(order, 11, t.plusSeconds(10), "IN_TRANSIT");
    }

    JsonObject again = scan.copy().put("scanId", "mf-" + UUID.randomUUID())
        .put("scannedAt", t.plusSeconds(20).toString());
    JsonObject answer = courier.scans(again).json();

    // Items that moved on are skipped by the manifest scan rather than collected again.
    assertThat(answer.getJsonArray("skipped")).hasSize(2);
    for (JsonObject order : orders) {
      assertThat(status(order.getString("id"))).isEqualTo("IN_TRANSIT");
      assertThat(sent(order)).containsExactly("delivery.handed_over");
    }
  }
}

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
 * A milestone already messaged for an order is not messaged again: a courier's re-scan, a
 * carrier record sent again and a manifest scanned again each bring an order back into a
 * status it had, and its citizen gets one message for it, through the service's own outbox
 * worker and console gateway.
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
    carrier.push(CarrierPush.batch(List.of(
        CarrierPush.record(order.getString("itemCode"), code, start.plusMinutes(minutes)))));
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(status(order.getString("id"))).isEqualTo(expectedStatus));
  }

  private void courierScans(JsonObject scan, int minutes) {
    scan.put("scannedAt", start.plusMinutes(minutes).toString());
    assertThat(courier.scans(scan).status()).isEqualTo(200);
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
    courierScans(Courier.scan(item, "COLLECTED"), 0);
    carrierReports(order, 11, 10, "IN_TRANSIT");

    courierScans(Courier.scan(item, "COLLECTED"), 20);

    assertThat(status(order.getString("id"))).isEqualTo("COLLECTED");
    assertThat(sent(order)).containsExactly("delivery.handed_over");
    assertThat(repeatsSuppressed(order)).isEqualTo(1);
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
    courierScans(scan.copy().put("scanId", "mf-" + UUID.randomUUID()), 0);
    for (JsonObject order : orders) {
      carrierReports(order, 11, 10, "IN_TRANSIT");
    }

    courierScans(scan.copy().put("scanId", "mf-" + UUID.randomUUID()), 20);

    for (JsonObject order : orders) {
      assertThat(status(order.getString("id"))).isEqualTo("COLLECTED");
      assertThat(sent(order)).containsExactly("delivery.handed_over");
      assertThat(repeatsSuppressed(order)).isEqualTo(1);
    }
  }
}

package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** Couriers' scans: each step records what it needs, once, at the time it was made. */
class ScanTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "650000");
  private final Db db = new Db(app.services().pool());

  @Test
  void aPickupCollectionRecordsTheChecklistSealAndFeeReceipt() {
    JsonObject order = booked("PICKUP");

    Http.Response response = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().getInteger("recorded")).isEqualTo(1);
    assertThat(response.json().fieldNames()).doesNotContain("order", "status", "citizen");
    assertThat(status(order)).isEqualTo("COLLECTED");
    JsonObject event = scanEvent(order);
    assertThat(event.getString("source")).isEqualTo("SCAN");
    assertThat(event.getString("sealNumber")).isEqualTo("NP-0012345");
    assertThat(event.getLong("feeCollected")).isEqualTo(50_000L);
    assertThat(event.getString("receiptNumber")).isEqualTo("BL-0099");
    assertThat(event.getJsonObject("details").getJsonArray("checklist")).hasSize(2);
  }

  @Test
  void theCouriersCollectionIsTakenOnceAfterTheCarriersFeedReportedIt() {
    JsonObject order = booked("PICKUP");
    String item = order.getString("itemCode");
    new CarrierPush(app).push(CarrierPush.record(item, 6, java.time.OffsetDateTime.now().minusSeconds(30)));
    assertThat(status(order)).isEqualTo("COLLECTED");
    assertThat(courier.looksUp(item).json().getJsonArray("allowedActions").getJsonObject(0)
        .getString("action")).as("the card offers the courier's collection").isEqualTo("COLLECTED");

    Http.Response late = courier.scans(Courier.pickup(item, 50_000));
    Http.Response again = courier.scans(Courier.pickup(item, 50_000));

    assertThat(late.status()).as("the courier's record of the collection: " + late).isEqualTo(200);
    assertThat(scanEvent(order).getJsonObject("details").getJsonArray("checklist")).hasSize(2);
    assertThat(scanEvent(order).getLong("feeCollected")).isEqualTo(50_000L);
    assertThat(again.status()).as("a second collection: " + again).isEqualTo(409);
    assertThat(courier.looksUp(item).json().getJsonArray("allowedActions").stream()
        .map(a -> ((JsonObject) a).getString("action")).toList()).doesNotContain("COLLECTED");
    assertThat(status(order)).isEqualTo("COLLECTED");
  }

  @Test
  void aPickupCollectionWithoutItsPaperworkIsRefusedNamingWhatIsMissing() {
    JsonObject order = booked("PICKUP");
    Footprint before = footprint(order);

    Http.Response response = courier.scans(Courier.scan(order.getString("itemCode"), "COLLECTED"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(fields(response)).contains("checklist", "sealNumber", "fee.amount", "fee.receiptNumber");
    assertThat(footprint(order)).isEqualTo(before);
  }

  @Test
  void aDeliveryRecordsTheProofWithTheIdNumberMasked() {
    JsonObject order = booked("DELIVERY");
    String item = order.getString("itemCode");
    courier.scans(Courier.scan(item, "COLLECTED"));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));

    Http.Response response = courier.scans(Courier.delivery(item, 50_000));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(status(order)).isEqualTo("DELIVERED");
    JsonObject proof = scanEvent(order).getJsonObject("proof");
    assertThat(proof.getString("recipientName")).isEqualTo("Nguyễn Văn An");
    assertThat(proof.getString("idType")).isEqualTo("CCCD");
    assertThat(proof.getString("idNumberMasked")).isEqualTo("********6789");
    assertThat(proof.getString("signatureRef")).startsWith("sig-");
  }

  @Test
  void aDeliveryWithoutProofIsRefusedNamingEachMissingField() {
    JsonObject order = booked("DELIVERY");
    courier.scans(Courier.scan(order.getString("itemCode"), "COLLECTED"));
    courier.scans(Courier.scan(order.getString("itemCode"), "OUT_FOR_DELIVERY"));
    JsonObject scan = Courier.scan(order.getString("itemCode"), "DELIVERED")
        .put("proof", new JsonObject().put("recipientName", "Nguyễn Văn An").put("idType", "ID")
            .put("idLast4", "123456789012"));
    Footprint before = footprint(order);

    Http.Response response = courier.scans(scan);

    assertThat(response.status()).isEqualTo(422);
    assertThat(fields(response)).contains("proof.idType", "proof.idLast4", "proof.signatureRef",
        "fee.amount", "fee.receiptNumber");
    assertThat(footprint(order)).isEqualTo(before);
  }

  @Test
  void aFailedAttemptNeedsAReasonFromTheList() {
    JsonObject order = booked("DELIVERY");
    String item = order.getString("itemCode");
    courier.scans(Courier.scan(item, "COLLECTED"));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));
    Footprint before = footprint(order);

    Http.Response bad = courier.scans(Courier.scan(item, "DELIVERY_FAILED").put("reason", "TOO_RAINY"));
    Http.Response other = courier.scans(Courier.scan(item, "DELIVERY_FAILED").put("reason", "OTHER"));
    assertThat(footprint(order)).isEqualTo(before);
    Http.Response good = courier.scans(Courier.scan(item, "DELIVERY_FAILED").put("reason", "RECIPIENT_ABSENT"));

    assertThat(bad.status()).isEqualTo(422);
    assertThat(other.status()).isEqualTo(422);
    assertThat(fields(other)).contains("note");
    assertThat(good.status()).isEqualTo(200);
    JsonObject order2 = desk.order(order.getString("id")).json();
    assertThat(order2.getString("status")).isEqualTo("DELIVERY_FAILED");
    assertThat(order2.getString("statusReason")).isEqualTo("Người nhận vắng nhà");
  }

  @Test
  void theSameScanUploadedTwiceIsRecordedOnce() {
    JsonObject order = booked("DELIVERY");
    JsonObject scan = Courier.scan(order.getString("itemCode"), "COLLECTED");

    Http.Response first = courier.scans(scan);
    Http.Response again = courier.scans(scan);

    assertThat(first.json().getInteger("recorded")).isEqualTo(1);
    assertThat(again.json().getInteger("duplicates")).isEqualTo(1);
    assertThat(scanEvents(order)).hasSize(1);
  }

  @Test
  void aScanMadeOfflineHoursAgoIsCheckedAgainstTheStatusThenAndTakesItsPlaceInTheTimeline() {
    JsonObject order = booked("DELIVERY");
    String item = order.getString("itemCode");
    OffsetDateTime collectedAt = OffsetDateTime.now();
    courier.scans(Courier.scan(item, "COLLECTED").put("scannedAt", collectedAt.toString()));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY").put("scannedAt", collectedAt.plusMinutes(2).toString()));

    // made in between, on a phone that was offline: the item was COLLECTED then
    Http.Response late = courier.scans(Courier.scan(item, "ARRIVED_FACILITY")
        .put("scannedAt", collectedAt.plusMinutes(1).toString()));

    assertThat(late.status()).as(late.toString()).isEqualTo(200);
    assertThat(status(order)).isEqualTo("OUT_FOR_DELIVERY");
    List<String> codes = desk.events(order.getString("id")).json().getJsonArray("items").stream()
        .map(e -> ((JsonObject) e).getString("code")).toList();
    assertThat(codes).containsSubsequence("COLLECTED", "ARRIVED_FACILITY", "OUT_FOR_DELIVERY");
  }

  @Test
  void aScanFromTheFutureOrFromLastMonthIsRefused() {
    JsonObject order = booked("DELIVERY");
    Footprint before = footprint(order);

    Http.Response future = courier.scans(Courier.scan(order.getString("itemCode"), "COLLECTED")
        .put("scannedAt", OffsetDateTime.now().plusHours(1).toString()));
    Http.Response old = courier.scans(Courier.scan(order.getString("itemCode"), "COLLECTED")
        .put("scannedAt", OffsetDateTime.now().minusDays(40).toString()));

    assertThat(future.status()).isEqualTo(422);
    assertThat(old.status()).isEqualTo(422);
    assertThat(footprint(order)).isEqualTo(before);
  }

  @Test
  void aCourierCannotCompleteAPickupTheDeskReceivesIt() {
    JsonObject order = booked("PICKUP");
    Footprint before = footprint(order);

    Http.Response response = courier.scans(Courier.delivery(order.getString("itemCode"), 0));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getString("type")).isEqualTo("/problems/action-not-allowed");
    assertThat(response.json().getString("orderStatus")).isEqualTo("BOOKED");
    assertThat(response.json().getInteger("status")).as("RFC 9457: the HTTP status").isEqualTo(409);
    assertThat(response.json().getJsonArray("allowedActions")).containsExactly("COLLECTED", "COLLECTION_FAILED");
    assertThat(footprint(order)).isEqualTo(before);
  }

  @Test
  void oneScanOfAHandoverRecordCollectsEveryItemOnIt() {
    List<JsonObject> orders = List.of(booked("DELIVERY"), booked("DELIVERY"), booked("DELIVERY"));
    JsonArray ids = new JsonArray(orders.stream().map(o -> o.getString("id")).toList());
    JsonObject manifest = app.http().post("/api/v1/manifests", desk.key(),
        new JsonObject().put("orderIds", ids)).json();

    Http.Response response = courier.scans(new JsonObject().put("scanId", "mf-" + manifest.getString("id"))
        .put("manifestCode", manifest.getString("code")).put("action", "COLLECTED")
        .put("scannedAt", OffsetDateTime.now().toString()));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().getInteger("recorded")).isEqualTo(3);
    for (JsonObject order : orders) {
      assertThat(status(order)).isEqualTo("COLLECTED");
    }
    JsonObject accepted = app.http().get("/api/v1/manifests/" + manifest.getString("id"), desk.key()).json();
    assertThat(accepted.getString("acceptedAt")).isNotNull();
    assertThat(accepted.getString("postalUnit")).isEqualTo("650000");
  }

  @Test
  void aHandoverRecordScannedAgainLeavesOutWhatCannotBeCollectedNow() {
    List<JsonObject> orders = List.of(booked("DELIVERY"), booked("DELIVERY"));
    JsonArray ids = new JsonArray(orders.stream().map(o -> o.getString("id")).toList());
    JsonObject manifest = app.http().post("/api/v1/manifests", desk.key(),
        new JsonObject().put("orderIds", ids)).json();
    JsonObject scan = new JsonObject().put("scanId", "mf-" + manifest.getString("id"))
        .put("manifestCode", manifest.getString("code")).put("action", "COLLECTED")
        .put("scannedAt", OffsetDateTime.now().toString());
    courier.scans(scan);
    String out = orders.get(0).getString("itemCode");
    courier.scans(Courier.scan(out, "OUT_FOR_DELIVERY"));

    Http.Response repeated = courier.scans(scan);
    Http.Response again = courier.scans(scan.copy().put("scanId", "mf2-" + manifest.getString("id"))
        .put("scannedAt", OffsetDateTime.now().toString()));

    assertThat(repeated.json().getInteger("duplicates")).as(repeated.toString()).isEqualTo(2);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getInteger("recorded")).isZero();
    assertThat(again.json().getJsonArray("skipped")).containsExactlyInAnyOrder(out, orders.get(1).getString("itemCode"));
    assertThat(status(orders.get(0))).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(scanEvents(orders.get(1))).hasSize(1);
  }

  @Test
  void onlyCouriersScanAndAnUnknownItemIsRefusedWithNothingParked() {
    String stranger = vn.dossierpost.s10.S10.of("EZ", (long) (Math.random() * 90_000_000), "VN");

    Http.Response asDesk = app.http().post("/api/v1/scans", desk.key(), Courier.scan(stranger, "COLLECTED"));
    Http.Response unknown = courier.scans(Courier.scan(stranger, "COLLECTED"));

    assertThat(asDesk.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("type")).endsWith("/not-found");
    assertThat(db.count("SELECT count(*) FROM order_events WHERE item_code = $1", stranger)).isZero();
  }

  /** What a scan could leave behind: the item's events (parked ones too), the order's jobs and status. */
  private record Footprint(long events, long jobs, String status) {
  }

  private Footprint footprint(JsonObject order) {
    return new Footprint(
        db.count("SELECT count(*) FROM order_events WHERE item_code = $1", order.getString("itemCode")),
        db.count("SELECT count(*) FROM outbox WHERE order_id = $1", java.util.UUID.fromString(order.getString("id"))),
        status(order));
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

  private List<JsonObject> scanEvents(JsonObject order) {
    return desk.events(order.getString("id")).json().getJsonArray("items").stream()
        .map(e -> (JsonObject) e).filter(e -> "SCAN".equals(e.getString("source"))).toList();
  }

  private JsonObject scanEvent(JsonObject order) {
    List<JsonObject> scans = scanEvents(order);
    return scans.get(scans.size() - 1);
  }

  private static List<String> fields(Http.Response response) {
    return response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }
}

package vn.dossierpost.money;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * The fee ledger on a scripted day, against totals worked out by hand: pickup fees and cash on
 * delivery, a short collection with its reason, one without a reason refused, a dossier received
 * twice with its money handed over once, the carrier's COD records (one short), and money still
 * with a courier carried into the next day.
 */
class MoneyLedgerTest {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier binh = new Courier(app, "650000");
  private final Courier lan = new Courier(app, "100000");
  private final CarrierPush carrier = new CarrierPush(app);

  @Test
  void aScriptedDayAddsUpInJsonAndCsvAndTheMoneyStillOutIsCarriedToTheNextDay() {
    LocalDate today = LocalDate.now(VIETNAM);
    // P1: 50,000 collected, the dossier received with a gap and again: handed over once.
    JsonObject p1 = booked("PICKUP");
    assertThat(binh.scans(Courier.pickup(p1.getString("itemCode"), 50_000)).status()).isEqualTo(200);
    assertThat(receive(p1, 1, 50_000).json().getBoolean("match")).isFalse();
    assertThat(receive(p1, 2, 50_000).json().getBoolean("match")).isTrue();
    // P2: 40,000 of 50,000 — refused without a reason, accepted with one; 40,000 handed over.
    JsonObject p2 = booked("PICKUP");
    JsonObject shortScan = Courier.pickup(p2.getString("itemCode"), 40_000);
    Http.Response refused = binh.scans(shortScan);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(fields(refused)).contains("fee.amount", "fee.reason");
    assertThat(desk.order(p2.getString("id")).json().getString("status")).isEqualTo("BOOKED");
    shortScan.getJsonObject("fee").put("reason", "=Miễn giảm 20% cho hộ nghèo").put("note", "Có giấy xác nhận");
    assertThat(binh.scans(shortScan).status()).isEqualTo(200);
    receive(p2, 2, 40_000);
    // P3: 50,000 collected by another unit's courier and not handed over; the upload repeated.
    JsonObject p3 = booked("PICKUP");
    JsonObject p3Scan = Courier.pickup(p3.getString("itemCode"), 50_000).put("courier", "@Trần Thị Lan");
    assertThat(lan.scans(p3Scan).status()).isEqualTo(200);
    assertThat(lan.scans(p3Scan).status()).isEqualTo(200);
    // D1, D2: cash on delivery of 50,000 each; the carrier pays 50,000 and 45,000 (code 21).
    JsonObject d1 = delivered();
    JsonObject d2 = delivered();
    codPaid(d1, 50_000);
    codPaid(d2, 45_000);

    JsonObject ledger = fees("from=" + today + "&to=" + today.plusDays(1)).json();

    JsonObject day = ledger.getJsonArray("days").getJsonObject(0);
    assertThat(day.getString("date")).isEqualTo(today.toString());
    assertThat(day.getLong("due")).isEqualTo(250_000L);
    assertThat(day.getLong("collected")).isEqualTo(240_000L);
    assertThat(day.getLong("handedOver")).isEqualTo(185_000L);
    assertThat(day.getJsonObject("handedOverBy").getLong("desk")).isEqualTo(90_000L);
    assertThat(day.getJsonObject("handedOverBy").getLong("carrier")).isEqualTo(95_000L);
    assertThat(day.getLong("outstanding")).isEqualTo(55_000L);
    assertThat(byUnit(day)).containsExactlyInAnyOrderEntriesOf(Map.of("650000", 190_000L, "100000", 50_000L));
    JsonObject discrepancy = day.getJsonArray("discrepancies").getJsonObject(0);
    assertThat(day.getJsonArray("discrepancies")).hasSize(1);
    assertThat(discrepancy.getString("itemCode")).isEqualTo(p2.getString("itemCode"));
    assertThat(discrepancy.getLong("due")).isEqualTo(50_000L);
    assertThat(discrepancy.getLong("collected")).isEqualTo(40_000L);
    assertThat(discrepancy.getString("reason")).isEqualTo("=Miễn giảm 20% cho hộ nghèo");
    assertThat(day.getJsonArray("carrierMismatches")).hasSize(1);
    assertThat(day.getJsonArray("carrierMismatches").getJsonObject(0).getString("itemCode"))
        .isEqualTo(d2.getString("itemCode"));
    assertThat(open(day)).containsExactlyInAnyOrderEntriesOf(
        Map.of(p3.getString("itemCode"), 50_000L, d2.getString("itemCode"), 5_000L));

    JsonObject next = ledger.getJsonArray("days").getJsonObject(1);
    assertThat(next.getLong("collected")).isZero();
    assertThat(next.getLong("handedOver")).isZero();
    assertThat(next.getLong("outstanding")).isEqualTo(55_000L);
    assertThat(open(next)).isEqualTo(open(day));
    assertThat(next.getJsonArray("outstandingOrders").stream().map(o -> ((JsonObject) o).getLong("ageDays")))
        .containsOnly(1L);
    assertThat(ledger.getJsonObject("totals")).isEqualTo(new JsonObject().put("due", 250_000L)
        .put("collected", 240_000L).put("handedOver", 185_000L).put("outstanding", 55_000L));

    Http.Response csv = app.http().send(HttpMethod.GET, "/api/v1/reports/fees?from=" + today + "&to="
        + today.plusDays(1), desk.key(), null, Map.of("Accept", "text/csv"));
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    byte[] bytes = csv.body().getBytes();
    assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    List<String> lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).startsWith("Ngày,Loại dòng,Mã bưu gửi").contains("Phải thu", "Còn phải nộp");
    assertThat(lines).contains(today + ",Tổng ngày,,,,,250000,240000,185000,55000,,",
        today.plusDays(1) + ",Tổng ngày,,,,,0,0,0,55000,,");
    assertThat(lines).anyMatch(l -> l.contains(",'@Trần Thị Lan,") && l.contains("Bưu tá đã thu"));
    assertThat(lines).anyMatch(l -> l.endsWith(",'=Miễn giảm 20% cho hộ nghèo — Có giấy xác nhận"));
    assertThat(lines).noneMatch(l -> l.contains(",=") || l.contains(",@"));
    Http.Response asParam = fees("from=" + today + "&to=" + today.plusDays(1) + "&format=csv");
    assertThat(asParam.body()).isEqualTo(csv.body());

    JsonObject stranger = app.http().get("/api/v1/reports/fees?from=" + today + "&to=" + today,
        new Desk(app, app.newOffice()).key()).json();
    assertThat(stranger.getJsonObject("totals").getLong("collected")).isZero();
    assertThat(stranger.encode()).doesNotContain(p1.getString("itemCode"), p3.getString("itemCode"));
  }

  /** The regression of issue 24: collected 50,000, handed over 100,000, outstanding −50,000. */
  @Test
  void receivingAgainAfterADiscrepancyHandsTheMoneyOverOnce() {
    JsonObject order = booked("PICKUP");
    binh.scans(Courier.pickup(order.getString("itemCode"), 50_000));

    receive(order, 1, 50_000);
    receive(order, 2, 50_000);
    receive(order, 2, 50_000);

    JsonObject fees = app.http().get("/api/v1/reports/daily", desk.key()).json().getJsonObject("fees");
    assertThat(fees.getLong("collected")).isEqualTo(50_000L);
    assertThat(fees.getLong("handedOver")).isEqualTo(50_000L);
    assertThat(fees.getLong("outstanding")).isZero();
  }

  /**
   * Where the carrier's own postman collected (its feed carries {@code CODCollected}) and no
   * courier scanned it, the feed's record is the collection; where a courier scanned it too,
   * the money is counted once.
   */
  @Test
  void theCarriersOwnCollectionsCountOnceBesideTheCouriersScans() {
    LocalDate today = LocalDate.now(VIETNAM);
    JsonObject pickup = booked("PICKUP");
    carrier.push(CarrierPush.record(pickup.getString("itemCode"), 6, OffsetDateTime.now())
        .put("CODCollected", 30_000).put("PostmanName", "=Lê Văn Tư"));
    JsonObject delivery = delivered();
    carrier.push(CarrierPush.record(delivery.getString("itemCode"), 14, OffsetDateTime.now())
        .put("CODCollected", 50_000));

    JsonObject day = fees("from=" + today + "&to=" + today).json().getJsonArray("days").getJsonObject(0);

    assertThat(day.getLong("due")).isEqualTo(100_000L);
    assertThat(day.getLong("collected")).isEqualTo(80_000L);
    assertThat(day.getLong("outstanding")).isEqualTo(80_000L);
    assertThat(day.getJsonArray("collectedBy").stream().map(o -> ((JsonObject) o).getString("source")))
        .containsExactlyInAnyOrder("CARRIER", "SCAN");
    JsonObject short30 = day.getJsonArray("discrepancies").getJsonObject(0);
    assertThat(short30.getString("itemCode")).isEqualTo(pickup.getString("itemCode"));
    assertThat(short30.getString("source")).isEqualTo("CARRIER");
    assertThat(short30.getString("reason")).isNull();
    String csv = fees("from=" + today + "&to=" + today + "&format=csv").text();
    assertThat(csv).contains(",'=Lê Văn Tư,").doesNotContain(",=Lê");
  }

  @Test
  void moneyTakenWhereNoneIsDueNeedsAReasonToo() {
    Http.Response booking = desk.books(vn.dossierpost.support.Samples.order(
        vn.dossierpost.support.Samples.dossierCode(desk.office()), "PICKUP").put("feeToCollect", 0));
    String id = booking.json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    JsonObject scan = Courier.pickup(desk.order(id).json().getString("itemCode"), 20_000);

    Http.Response refused = binh.scans(scan);
    scan.getJsonObject("fee").put("reason", "Thu nhầm phí dịch vụ, sẽ hoàn lại");
    Http.Response accepted = binh.scans(scan);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(fields(refused)).containsExactlyInAnyOrder("fee.amount", "fee.reason");
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    JsonObject day = fees("").json().getJsonArray("days").getJsonObject(0);
    assertThat(day.getLong("due")).isZero();
    assertThat(day.getLong("collected")).isEqualTo(20_000L);
    assertThat(day.getJsonArray("discrepancies").getJsonObject(0).getString("reason"))
        .isEqualTo("Thu nhầm phí dịch vụ, sẽ hoàn lại");
  }

  @Test
  void eachOrderSaysWhereItsFeeIsCollected() {
    JsonObject pickup = booked("PICKUP");
    JsonObject delivery = booked("DELIVERY");

    assertThat(pickup.getString("feeCollection")).isEqualTo("AT_PICKUP");
    assertThat(delivery.getString("feeCollection")).isEqualTo("ON_DELIVERY");
    assertThat(binh.looksUp(delivery.getString("itemCode")).json().getString("feeCollection"))
        .isEqualTo("ON_DELIVERY");
  }

  @Test
  void aBadRangeIsRefusedNamingTheField() {
    Http.Response badDate = fees("from=2025-13-01&to=2025-12-02");
    Http.Response backwards = fees("from=2025-12-02&to=2025-12-01");
    Http.Response tooLong = fees("from=2025-01-01&to=2025-12-31");
    Http.Response badFormat = fees("format=xls");

    assertThat(List.of(badDate.status(), backwards.status(), tooLong.status(), badFormat.status()))
        .containsOnly(422);
    assertThat(badDate.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(badDate)).containsExactly("from");
    assertThat(fields(backwards)).containsExactly("to");
    assertThat(fields(tooLong)).containsExactly("to");
    assertThat(fields(badFormat)).containsExactly("format");
    assertThat(fees("from=2025-01-01&to=2025-04-02").status()).as("92 days").isEqualTo(200);
  }

  @Test
  void aCsvCellASpreadsheetWouldEvaluateIsMadeText() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(LedgerCsv.neutralised(formula)).isEqualTo("'" + formula);
    }
    assertThat(LedgerCsv.neutralised("Bưu tá")).isEqualTo("Bưu tá");
    assertThat(LedgerCsv.neutralised("")).isEmpty();
  }

  private Http.Response fees(String query) {
    return app.http().get("/api/v1/reports/fees?" + query, desk.key());
  }

  private Http.Response receive(JsonObject order, int copies, long handedOver) {
    JsonArray checklist = Courier.pickup("EB100000003VN", 0).getJsonArray("checklist");
    checklist.getJsonObject(1).put("count", copies);
    Http.Response response = app.http().post("/api/v1/orders/" + order.getString("id") + "/receive",
        desk.key(), new JsonObject().put("checklist", checklist).put("sealIntact", true)
            .put("feeHandedOver", new JsonObject().put("amount", handedOver).put("receiptNumber", "BL-7")));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response;
  }

  private JsonObject delivered() {
    JsonObject order = booked("DELIVERY");
    String item = order.getString("itemCode");
    binh.scans(Courier.scan(item, "COLLECTED"));
    binh.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));
    Http.Response delivered = binh.scans(Courier.delivery(item, 50_000));
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    return order;
  }

  private void codPaid(JsonObject order, long amount) {
    JsonObject record = CarrierPush.record(order.getString("itemCode"), 21, OffsetDateTime.now())
        .put("CODCollected", amount);
    Http.Response pushed = carrier.push(record);
    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(200);
  }

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private static Map<String, Long> byUnit(JsonObject day) {
    return day.getJsonArray("collectedBy").stream().map(JsonObject.class::cast).collect(
        java.util.stream.Collectors.toMap(o -> o.getString("postalUnit"), o -> o.getLong("collected"), Long::sum));
  }

  private static Map<String, Long> open(JsonObject day) {
    return day.getJsonArray("outstandingOrders").stream().map(JsonObject.class::cast).collect(
        java.util.stream.Collectors.toMap(o -> o.getString("itemCode"), o -> o.getLong("amount")));
  }

  private static List<String> fields(Http.Response response) {
    return response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }
}

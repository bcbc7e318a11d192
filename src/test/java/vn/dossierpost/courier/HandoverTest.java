package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Decoders;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * Post → desk handover (Circular 17/2017 Art. 5, steps 5–8): the post office lists the collected
 * dossiers of one desk on one record, the desk receives it in one scan with a re-tally per
 * dossier, and the biên bản giao nhận prints with what was counted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HandoverTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "650000");

  @Test
  void threeCollectedDossiersAreReceivedInOneScanWithOneDiscrepancy() throws Exception {
    List<JsonObject> collected = List.of(collected(), collected(), collected());
    JsonObject notCollected = booked("PICKUP");
    JsonObject delivery = booked("DELIVERY");
    String key = UUID.randomUUID().toString();
    JsonObject request = new JsonObject().put("officeCode", desk.office()).put("courier", "Phạm Văn Bình");

    Http.Response created = create(courier.key(), request, key);
    Http.Response again = create(courier.key(), request, key);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String code = created.json().getString("code");
    assertThat(code).matches("BG[0-9A-Z]{10}");
    assertThat(items(created.json())).containsExactlyInAnyOrderElementsOf(
        collected.stream().map(o -> o.getString("itemCode")).toList())
        .doesNotContain(notCollected.getString("itemCode"), delivery.getString("itemCode"));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().getString("code")).isEqualTo(code);
    Http.Response reused = create(courier.key(), request.copy().put("courier", "Người khác"), key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.json().getString("type")).isEqualTo("/problems/idempotency-key-reused");

    // The desk types the code as printed, grouped and in lower case.
    String typed = "bg " + code.substring(2, 6).toLowerCase() + " " + code.substring(6);
    Http.Response listed = app.http().get("/api/v1/handovers/" + typed.replace(" ", "%20"), desk.key());
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.json().getJsonArray("items")).hasSize(3);
    JsonObject first = listed.json().getJsonArray("items").getJsonObject(0);
    assertThat(first.getInteger("expectedCount")).isEqualTo(3);
    assertThat(first.getString("sealNumber")).isEqualTo("NP-0012345");
    assertThat(first.getLong("feeCollected")).isEqualTo(50_000L);
    Http.Response toSignPdf = app.http().get("/api/v1/handovers/" + code + "/record.pdf", desk.key());
    String toSign = pdfText(toSignPdf);
    assertThat(Decoders.zbar(Decoders.rasterise(toSignPdf.body().getBytes(), 300).get(0)))
        .as("the record's own barcode, for the desk's one scan").contains("CODE-128:" + code);
    assertThat(toSign).contains("BIÊN BẢN GIAO NHẬN").contains("Chưa tiếp nhận");
    assertThat(toSign.replace(" ", "")).contains("3/……");

    String short1 = collected.get(1).getString("itemCode");
    JsonObject tally = new JsonObject().put("dossiers", new JsonArray()
        .add(dossier(collected.get(0), tally(1, 2)))
        .add(dossier(collected.get(1), tally(1, 1)))
        .add(dossier(collected.get(2), tally(1, 2))));
    Http.Response received = app.http().post("/api/v1/handovers/" + code + "/receive", desk.key(), tally);

    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(received.json().getString("receivedAt")).isNotNull();
    assertThat(received.json().getJsonObject("totals").getLong("discrepancies")).isEqualTo(1L);
    assertThat(received.json().getJsonObject("totals").getLong("feeHandedOver")).isEqualTo(150_000L);
    for (JsonObject order : collected) {
      JsonObject now = desk.order(order.getString("id")).json();
      boolean gap = order.getString("itemCode").equals(short1);
      assertThat(now.getString("status")).as(order.getString("itemCode"))
          .isEqualTo(gap ? "COLLECTED" : "DELIVERED");
      assertThat(now.getJsonArray("flags").contains("FOLLOW_UP")).as(order.getString("itemCode")).isEqualTo(gap);
    }
    assertThat(handedOver()).isEqualTo(150_000L);
    JsonArray trail = app.http().get("/api/v1/orders/" + collected.get(0).getString("id") + "/audit",
        desk.key()).json().getJsonArray("items");
    assertThat(trail.stream().map(e -> ((JsonObject) e).getString("action")))
        .contains("handover.create", "handover.receive");
    int events = desk.events(collected.get(1).getString("id")).json().getJsonArray("items").size();

    Http.Response repeated = app.http().post("/api/v1/handovers/" + code + "/receive", desk.key(), tally);

    assertThat(repeated.status()).isEqualTo(200);
    assertThat(repeated.json()).isEqualTo(received.json());
    assertThat(handedOver()).isEqualTo(150_000L);
    assertThat(desk.events(collected.get(1).getString("id")).json().getJsonArray("items")).hasSize(events);

    String record = pdfText(app.http().get("/api/v1/handovers/" + code + "/record.pdf", desk.key()));
    assertThat(record).contains("BIÊN BẢN GIAO NHẬN HỒ SƠ").contains("Bộ phận Một cửa thử nghiệm " + desk.office())
        .contains("bưu cục 650000").contains("Phạm Văn Bình")
        .contains("BƯU TÁ / NHÂN VIÊN BƯU CHÍNH").contains("CÁN BỘ TIẾP NHẬN")
        .contains("Thành phần kê khai: 9").contains("Thành phần nhận: 8").contains("Hồ sơ chưa khớp: 1")
        .contains("150.000").contains("Thiếu 1 × bản sao cccd (bản sao)").contains("NP-0012345");
    for (JsonObject order : collected) {
      assertThat(record).contains(order.getString("dossierCode"));
    }
    assertThat(record.replace(" ", "")).as("expected / received per dossier").contains("3/3").contains("3/2");
  }

  @Test
  void anotherUnitOrAnotherOfficeFindsNothing() {
    JsonObject order = collected();
    String code = create(courier.key(), new JsonObject().put("officeCode", desk.office()),
        UUID.randomUUID().toString()).json().getString("code");
    String stranger = app.courierKey("700000");
    Desk otherDesk = new Desk(app, app.newOffice());

    assertThat(create(stranger, new JsonObject().put("officeCode", desk.office()), "k1").status()).isEqualTo(404);
    assertThat(create(stranger, new JsonObject().put("officeCode", desk.office())
        .put("itemCodes", new JsonArray().add(order.getString("itemCode"))), "k2").status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/courier/handovers/" + code, stranger).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/handovers/" + code, otherDesk.key()).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/handovers/" + code + "/record.pdf", otherDesk.key()).status()).isEqualTo(404);
    assertThat(app.http().post("/api/v1/handovers/" + code + "/receive", otherDesk.key(),
        new JsonObject().put("dossiers", new JsonArray().add(dossier(order, tally(1, 2))))).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/handovers/BG0000000000", desk.key()).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/handovers/not-a-code", desk.key()).status()).isEqualTo(404);
    assertThat(app.http().get("/api/v1/handovers/" + code, courier.key()).status()).as("a courier key on the desk's path")
        .isIn(401, 403);
    assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED");
  }

  @Test
  void whatCannotBeHandedOverIsRefusedByNameAndNothingIsMade() {
    JsonObject ok = collected();
    JsonObject notCollected = booked("PICKUP");
    JsonObject delivery = booked("DELIVERY");
    JsonObject received = collected();
    assertThat(desk.receives(received.getString("id"), tally(1, 2)).status()).isEqualTo(200);
    String unknown = S10.of("EE", 99_999_999L - (long) (Math.random() * 1000), "VN");

    Http.Response refused = create(courier.key(), new JsonObject().put("officeCode", desk.office())
        .put("itemCodes", new JsonArray().add(ok.getString("itemCode")).add(notCollected.getString("itemCode"))
            .add(delivery.getString("itemCode")).add(received.getString("itemCode"))),
        UUID.randomUUID().toString());
    Http.Response unknownItem = create(courier.key(), new JsonObject().put("officeCode", desk.office())
        .put("itemCodes", new JsonArray().add(ok.getString("itemCode")).add(unknown)), UUID.randomUUID().toString());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    assertThat(errors(refused)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "itemCodes[1]", "not_collected", "itemCodes[2]", "not_pickup", "itemCodes[3]", "already_received"));
    assertThat(refused.text()).contains(notCollected.getString("itemCode"), delivery.getString("itemCode"),
        received.getString("itemCode"));
    assertThat(unknownItem.status()).isEqualTo(422);
    assertThat(errors(unknownItem)).isEqualTo(Map.of("itemCodes[1]", "unknown_item"));

    // Nothing was made: the collected dossier goes on the next record, and only on one.
    Http.Response made = create(courier.key(), new JsonObject().put("officeCode", desk.office()),
        UUID.randomUUID().toString());
    assertThat(items(made.json())).containsExactly(ok.getString("itemCode"));
    Http.Response twice = create(courier.key(), new JsonObject().put("officeCode", desk.office())
        .put("itemCodes", new JsonArray().add(ok.getString("itemCode"))), UUID.randomUUID().toString());
    assertThat(errors(twice)).isEqualTo(Map.of("itemCodes[0]", "on_handover"));
    Http.Response nothingLeft = create(courier.key(), new JsonObject().put("officeCode", desk.office()),
        UUID.randomUUID().toString());
    assertThat(errors(nothingLeft)).isEqualTo(Map.of("officeCode", "nothing_to_hand_over"));
  }

  @Test
  void aSealNumberOtherThanTheOneRecordedAtPickupFlagsTheDossier() {
    JsonObject order = collected();
    String code = create(courier.key(), new JsonObject().put("officeCode", desk.office()),
        UUID.randomUUID().toString()).json().getString("code");

    Http.Response received = app.http().post("/api/v1/handovers/" + code + "/receive", desk.key(),
        new JsonObject().put("dossiers", new JsonArray().add(dossier(order, tally(1, 2)).put("sealNumber", "NP-0099999"))));

    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    JsonObject got = received.json().getJsonArray("items").getJsonObject(0).getJsonObject("received");
    assertThat(got.getBoolean("match")).isFalse();
    assertThat(got.getJsonArray("discrepancies").getString(0)).contains("NP-0099999").contains("NP-0012345");
    assertThat(desk.order(order.getString("id")).json().getJsonArray("flags")).contains("FOLLOW_UP");
  }

  @Test
  void twoRecordsMadeAtOnceNeverShareADossier() throws Exception {
    List<JsonObject> held = List.of(collected(), collected());
    JsonObject all = new JsonObject().put("officeCode", desk.office());
    var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> create(courier.key(), all, "a-" + UUID.randomUUID()));
    var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> create(courier.key(), all, "b-" + UUID.randomUUID()));

    List<Http.Response> answers = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));

    assertThat(answers.stream().map(Http.Response::status)).as(answers.toString()).containsExactlyInAnyOrder(201, 422);
    Http.Response made = answers.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
    assertThat(items(made.json())).containsExactlyInAnyOrderElementsOf(held.stream().map(o -> o.getString("itemCode")).toList());
  }

  @Test
  void aDossierOnAnOpenRecordIsReceivedWithTheRecordNotOnItsOwn() {
    JsonObject a = collected();
    JsonObject b = collected();
    String code = create(courier.key(), new JsonObject().put("officeCode", desk.office()),
        UUID.randomUUID().toString()).json().getString("code");

    Http.Response alone = desk.receives(b.getString("id"), tally(1, 2));

    assertThat(alone.status()).as(alone.toString()).isEqualTo(409);
    assertThat(alone.json().getString("type")).isEqualTo("/problems/on-handover");
    assertThat(alone.json().getString("handoverCode")).isEqualTo(code);
    assertThat(desk.order(b.getString("id")).json().getString("status")).isEqualTo("COLLECTED");
    Http.Response whole = app.http().post("/api/v1/handovers/" + code + "/receive", desk.key(),
        new JsonObject().put("dossiers", new JsonArray().add(dossier(a, tally(1, 2))).add(dossier(b, tally(1, 2)))));
    assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
    assertThat(desk.order(b.getString("id")).json().getString("status")).isEqualTo("DELIVERED");
    assertThat(app.http().get("/api/v1/handovers/" + code, desk.key()).json().getString("receivedAt")).isNotNull();
  }

  @Test
  void malformedBodiesAreRefusedWithTheFieldAndStoreNothing() {
    JsonObject a = collected();
    JsonObject b = collected();
    String code = create(courier.key(), new JsonObject().put("officeCode", desk.office()),
        UUID.randomUUID().toString()).json().getString("code");
    String receive = "/api/v1/handovers/" + code + "/receive";

    Http.Response noKey = app.http().post("/api/v1/courier/handovers", courier.key(),
        new JsonObject().put("officeCode", desk.office()));
    Http.Response noOffice = create(courier.key(), new JsonObject().put("itemCodes", new JsonArray().add("XX")),
        UUID.randomUUID().toString());
    Http.Response unknownField = create(courier.key(), new JsonObject().put("officeCode", desk.office())
        .put("all", true), UUID.randomUUID().toString());
    Http.Response missing = app.http().post(receive, desk.key(),
        new JsonObject().put("dossiers", new JsonArray().add(dossier(a, tally(1, 2)))));
    Http.Response badTally = app.http().post(receive, desk.key(), new JsonObject().put("dossiers", new JsonArray()
        .add(dossier(a, tally(1, 2)).put("sealIntact", "yes"))
        .add(dossier(b, new JsonArray().add(new JsonObject().put("name", "x").put("kind", "PHOTO"))))));
    Http.Response notOnIt = app.http().post(receive, desk.key(), new JsonObject().put("dossiers", new JsonArray()
        .add(dossier(a, tally(1, 2))).add(dossier(b, tally(1, 2)))
        .add(new JsonObject().put("itemCode", S10.of("EE", 12_345_678L, "VN")).put("checklist", tally(1, 2))
            .put("sealIntact", true))));
    Http.Response notJson = app.http().send(HttpMethod.POST, receive, desk.key(),
        Buffer.buffer("{\"dossiers\":["), Map.of("Content-Type", "application/json"));

    assertThat(noKey.status()).isEqualTo(400);
    assertThat(noOffice.status()).isEqualTo(422);
    assertThat(errors(noOffice)).containsEntry("officeCode", "required").containsEntry("itemCodes[0]", "invalid_item_code");
    assertThat(errors(unknownField)).containsEntry("all", "unknown_field");
    assertThat(errors(missing)).containsEntry("dossiers", "missing_dossier");
    assertThat(missing.text()).contains(b.getString("itemCode"));
    assertThat(badTally.status()).isEqualTo(422);
    assertThat(errors(badTally)).containsKeys("dossiers[0].sealIntact", "dossiers[1].checklist[0].name",
        "dossiers[1].checklist[0].kind");
    assertThat(errors(notOnIt)).containsEntry("dossiers[2].itemCode", "not_on_handover");
    assertThat(notJson.status()).isBetween(400, 422);
    assertThat(app.http().get("/api/v1/handovers/" + code, desk.key()).json().getString("receivedAt")).isNull();
    assertThat(desk.order(a.getString("id")).json().getString("status")).isEqualTo("COLLECTED");
    assertThat(handedOver()).isZero();
  }

  private Http.Response create(String key, JsonObject body, String idempotencyKey) {
    return app.http().post("/api/v1/courier/handovers", key, body, Map.of("Idempotency-Key", idempotencyKey));
  }

  private static List<String> items(JsonObject handover) {
    return handover.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("itemCode")).toList();
  }

  private static Map<String, String> errors(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    Map<String, String> errors = new java.util.TreeMap<>();
    response.json().getJsonArray("errors").forEach(e ->
        errors.put(((JsonObject) e).getString("field"), ((JsonObject) e).getString("code")));
    return errors;
  }

  private static JsonObject dossier(JsonObject order, JsonArray checklist) {
    return new JsonObject().put("itemCode", order.getString("itemCode")).put("checklist", checklist)
        .put("sealIntact", true).put("sealNumber", "NP-0012345")
        .put("feeHandedOver", new JsonObject().put("amount", 50_000).put("receiptNumber", "BL-0099"));
  }

  private static JsonArray tally(int originals, int copies) {
    return new JsonArray()
        .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", originals))
        .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", copies));
  }

  /** What the office's fee ledger says was handed over today. */
  private long handedOver() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    Http.Response fees = app.http().get("/api/v1/reports/fees?from=" + today + "&to=" + today, desk.key());
    assertThat(fees.status()).as(fees.toString()).isEqualTo(200);
    return fees.json().getJsonObject("totals").getLong("handedOver");
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

  /** The PDF's text as poppler reads it (layout kept, so a row's cells stay on one line). */
  static String pdfText(Http.Response response) throws IOException, InterruptedException {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/pdf");
    Path pdf = Files.createTempFile("handover", ".pdf");
    try {
      Files.write(pdf, response.body().getBytes());
      Process process = new ProcessBuilder("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), "-")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(pdf);
    }
  }
}

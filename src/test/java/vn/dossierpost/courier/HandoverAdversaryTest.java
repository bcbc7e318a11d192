package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * The post → desk handover as an adversary tries it: codes that are not codes, keys of the
 * wrong role, tallies for dossiers not on the record, negative fees, a dossier cancelled
 * between the record and its receipt. Never 5xx; a refused request changes nothing.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HandoverAdversaryTest {

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys keys = app.newOffice();
  private final Desk desk = new Desk(app, keys);
  private final Courier courier = new Courier(app, "650000");
  private final Db db = new Db(app.services().pool());

  @Test
  void codesThatAreNotCodesAreNotFoundLikeAnUnknownCode() {
    JsonObject unknown = body(app.http().get("/api/v1/handovers/BG0000000000", desk.key()));
    List<String> odd = List.of("..%2F..%2Fadmin", "BG" + "0".repeat(5000), "%C3%A9", "BG%00",
        "BG000000000%E2%80%8B", "bg%20%20%20%20", "%F0%9F%98%80", "BG0000000000.pdf");
    for (String code : odd) {
      for (String path : new String[] {"/api/v1/handovers/" + code, "/api/v1/handovers/" + code
          + "/record.pdf"}) {
        Http.Response r = app.http().get(path, desk.key());
        assertThat(r.status()).as(path).isIn(404, 414);
        if (r.status() == 404) {
          assertThat(body(r)).as(path).isEqualTo(unknown);
        }
      }
      Http.Response mine = app.http().get("/api/v1/courier/handovers/" + code, courier.key());
      assertThat(mine.status()).as(code).isIn(404, 414);
      Http.Response receive = app.http().post("/api/v1/handovers/" + code + "/receive", desk.key(),
          new JsonObject().put("dossiers", new JsonArray()));
      assertThat(receive.status()).as(code).isBetween(400, 422);
    }
  }

  /** Another office's record, and an office the courier's unit does not serve: as unknown. */
  @Test
  void outOfScopeAnswersExactlyAsUnknown() {
    JsonObject order = collected();
    String code = create(new JsonObject().put("officeCode", desk.office())).json().getString("code");
    String otherDesk = app.newOffice().deskKey();
    String stranger = app.courierKey("700000");
    JsonObject tally = new JsonObject().put("dossiers", new JsonArray().add(tally(order, 50_000)));

    for (String suffix : new String[] {"", "/record.pdf"}) {
      assertThat(body(app.http().get("/api/v1/handovers/" + code + suffix, otherDesk)))
          .isEqualTo(body(app.http().get("/api/v1/handovers/BG0000000000" + suffix, otherDesk)));
      assertThat(body(app.http().get("/api/v1/courier/handovers/" + code + suffix, stranger)))
          .isEqualTo(body(app.http().get("/api/v1/courier/handovers/BG0000000000" + suffix, stranger)));
    }
    assertThat(body(app.http().post("/api/v1/handovers/" + code + "/receive", otherDesk, tally)))
        .isEqualTo(body(app.http().post("/api/v1/handovers/BG0000000000/receive", otherDesk, tally)));
    Http.Response notServed = app.http().post("/api/v1/courier/handovers", stranger,
        new JsonObject().put("officeCode", desk.office()), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    Http.Response noOffice = app.http().post("/api/v1/courier/handovers", stranger,
        new JsonObject().put("officeCode", "999.99.99.H99"), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(notServed.status()).isEqualTo(404);
    assertThat(body(notServed)).isEqualTo(body(noOffice));
    assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED");
    assertThat(app.http().get("/api/v1/handovers/" + code, desk.key()).json().getString("receivedAt")).isNull();
  }

  @Test
  void keysOfTheWrongRoleAreRefused() {
    JsonObject order = collected();
    Http.Response byDesk = app.http().post("/api/v1/courier/handovers", desk.key(),
        new JsonObject().put("officeCode", desk.office()), Map.of("Idempotency-Key", "k-desk"));
    Http.Response byAdmin = app.http().post("/api/v1/courier/handovers", app.adminKey(),
        new JsonObject().put("officeCode", desk.office()), Map.of("Idempotency-Key", "k-admin"));

    assertThat(byDesk.status()).isIn(401, 403);
    assertThat(byAdmin.status()).isIn(401, 403);
    assertThat(db.count("SELECT count(*) FROM handovers WHERE office_code = $1", desk.office())).isZero();
    assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED");
  }

  @Test
  void aTallyOfADossierNotOnTheRecordOrANegativeFeeRefusesTheWholeReceipt() {
    JsonObject onRecord = collected();
    String code = create(new JsonObject().put("officeCode", desk.office())).json().getString("code");
    JsonObject elsewhere = collected(); // collected after the record: not on it

    Http.Response extra = receive(code, new JsonArray().add(tally(onRecord, 50_000))
        .add(tally(elsewhere, 50_000)));
    Http.Response negative = receive(code, new JsonArray().add(tally(onRecord, -50_000)));
    Http.Response huge = receive(code, new JsonArray().add(tally(onRecord, Long.MAX_VALUE)));

    assertThat(extra.status()).as(extra.toString()).isEqualTo(422);
    assertThat(extra.json().getJsonArray("errors").getJsonObject(0).getString("code"))
        .isEqualTo("not_on_handover");
    assertThat(negative.status()).as(negative.toString()).isEqualTo(422);
    assertThat(negative.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("dossiers[0].feeHandedOver.amount");
    assertThat(huge.status()).as(huge.toString()).isEqualTo(422);
    for (JsonObject o : List.of(onRecord, elsewhere)) {
      JsonObject now = desk.order(o.getString("id")).json();
      assertThat(now.getString("status")).isEqualTo("COLLECTED");
      assertThat(now.getJsonArray("flags")).doesNotContain("FOLLOW_UP");
    }
    assertThat(app.http().get("/api/v1/handovers/" + code, desk.key()).json().getString("receivedAt")).isNull();
    assertThat(db.count("SELECT count(*) FROM money_movements WHERE order_id = $1 AND kind = 'HANDED_OVER'",
        UUID.fromString(onRecord.getString("id")))).isZero();
  }

  /**
   * The desk cancels a collected dossier while its paper is on a record: the paper still comes
   * back, the record is received, and the dossier stays cancelled (a leg's receipt never revives
   * a cancelled dossier).
   */
  @Test
  void aDossierCancelledWhileOnARecordStaysCancelledWhenTheRecordIsReceived() {
    Dossiers dossiers = new Dossiers(app, keys);
    JsonObject created = dossiers.created("SUBMIT_BY_POST");
    String pickupId = created.getString("pickupOrderId");
    Eventually.within(Duration.ofSeconds(15), () ->
        assertThat(desk.order(pickupId).json().getString("status")).isEqualTo("BOOKED"));
    JsonObject order = desk.order(pickupId).json();
    assertThat(courier.scans(Courier.pickup(order.getString("itemCode"), 50_000)).status()).isEqualTo(200);
    String code = create(new JsonObject().put("officeCode", desk.office())).json().getString("code");
    Http.Response cancelled = dossiers.step(created.getString("id"), "cancel",
        new JsonObject().put("reason", "Công dân rút hồ sơ"));
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");

    Http.Response received = receive(code, new JsonArray().add(tally(order, 50_000)));

    assertThat(received.status()).as(received.toString()).isLessThan(500);
    assertThat(dossiers.dossier(created.getString("id")).json().getString("status")).isEqualTo("CANCELLED");
  }

  /**
   * The longest texts the API takes, without a space to break at, in every cell of the record:
   * it still prints (the PDF is what the postman and the officer sign).
   */
  @Test
  void theRecordPrintsWithTheLongestUnbreakableTextsTheApiTakes() throws Exception {
    JsonObject order = vn.dossierpost.support.Samples.order(
        vn.dossierpost.support.Samples.dossierCode(desk.office()), "PICKUP")
        .put("contents", "Ư".repeat(500));
    order.getJsonObject("citizen").put("name", "Ẩ".repeat(100));
    Http.Response booked = desk.books(order);
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    String id = booked.json().getString("id");
    Eventually.within(Duration.ofSeconds(15), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    JsonObject stored = desk.order(id).json();
    JsonObject scan = Courier.pickup(stored.getString("itemCode"), 50_000).put("sealNumber", "S".repeat(40));
    assertThat(courier.scans(scan).status()).isEqualTo(200);
    String code = create(new JsonObject().put("officeCode", desk.office()).put("courier", "Ữ".repeat(100)))
        .json().getString("code");
    String longNote = "Ờ".repeat(500);

    Http.Response toSign = app.http().get("/api/v1/handovers/" + code + "/record.pdf", desk.key());
    Http.Response received = receive(code, new JsonArray().add(tally(stored, 50_000)
        .put("sealNumber", "X".repeat(64)).put("note", longNote)));
    Http.Response signed = app.http().get("/api/v1/handovers/" + code + "/record.pdf", desk.key());
    Http.Response courierCopy = app.http().get("/api/v1/courier/handovers/" + code + "/record.pdf", courier.key());

    assertThat(toSign.status()).as(toSign.toString()).isEqualTo(200);
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    assertThat(courierCopy.status()).as(courierCopy.toString()).isEqualTo(200);
    String text = HandoverTest.pdfText(signed);
    assertThat(text).contains(stored.getString("dossierCode"));
  }

  // ------------------------------------------------------------------ helpers

  private Http.Response create(JsonObject body) {
    return app.http().post("/api/v1/courier/handovers", courier.key(), body,
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
  }

  private Http.Response receive(String code, JsonArray dossiers) {
    return app.http().post("/api/v1/handovers/" + code + "/receive", desk.key(),
        new JsonObject().put("dossiers", dossiers));
  }

  private static JsonObject tally(JsonObject order, long fee) {
    return new JsonObject().put("itemCode", order.getString("itemCode")).put("checklist", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)))
        .put("sealIntact", true).put("sealNumber", "NP-0012345")
        .put("feeHandedOver", new JsonObject().put("amount", fee).put("receiptNumber", "BL-0099"));
  }

  private JsonObject collected() {
    String id = desk.booked("PICKUP").getString("id");
    Eventually.within(Duration.ofSeconds(15), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    JsonObject order = desk.order(id).json();
    assertThat(courier.scans(Courier.pickup(order.getString("itemCode"), 50_000)).status()).isEqualTo(200);
    return order;
  }

  private static JsonObject body(Http.Response r) {
    JsonObject json = r.json().copy();
    json.remove("instance");
    json.remove("requestId");
    return json;
  }
}

package vn.dossierpost.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * Issue 25's story: a dossier sent and returned by post, step by step, with its legs; the
 * DELIVERY leg is booked only once the desk marks the result ready.
 */
class DossierFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys keys = app.newOffice();
  private final Dossiers desk = new Dossiers(app, keys);
  private final Desk orders = new Desk(app, keys);
  private final Courier courier = new Courier(app, "650000");
  private final CarrierSim sim = new CarrierSim(app);
  private final Db db = new Db(app.services().pool());

  @Test
  void aDossierSentAndReturnedByPostGoesStepByStepAndItsResultIsBookedOnlyWhenReady() {
    JsonObject created = desk.created("BOTH");
    String id = created.getString("id");
    assertThat(created.getString("status")).isEqualTo("AWAITING_COLLECTION");
    assertThat(created.getJsonArray("legs")).hasSize(2);
    String pickupId = Dossiers.leg(created, "PICKUP").getString("id");
    JsonObject waiting = Dossiers.leg(created, "DELIVERY");
    String deliveryId = waiting.getString("id");
    assertThat(waiting.getString("status")).isEqualTo("AWAITING_RESULT");
    // each leg as the order's own GET shows it
    assertThat(Dossiers.leg(created, "PICKUP").fieldNames())
        .containsExactlyInAnyOrderElementsOf(orders.order(pickupId).json().fieldNames());

    Eventually.within(WAIT, () -> assertThat(orders.order(pickupId).json().getString("status"))
        .isEqualTo("BOOKED"));
    String pickupItem = orders.order(pickupId).json().getString("itemCode");
    assertNotBooked(deliveryId, waiting.getString("orderNumber"));
    assertThat(app.http().get("/api/v1/orders/" + deliveryId + "/label?format=pdf", keys.deskKey())
        .status()).isEqualTo(409);
    Http.Response manifest = app.http().post("/api/v1/manifests", keys.deskKey(), new JsonObject()
        .put("orderIds", new JsonArray().add(deliveryId)).put("courierName", "Phạm Văn Bình"));
    assertThat(manifest.status()).as(manifest.toString()).isEqualTo(422);
    assertThat(manifest.json().getJsonArray("errors").getJsonObject(0).getString("code"))
        .isEqualTo("not_handover_ready");

    Http.Response scan = courier.scans(Courier.pickup(pickupItem, 50_000));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("COLLECTED");

    Http.Response received = desk.step(id, "receive", receipt("2026-12-18"));
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(received.json().getJsonObject("receipt").getBoolean("match")).isTrue();
    assertThat(received.json().getString("status")).isEqualTo("RECEIVED");
    assertThat(received.json().getString("appointmentDate")).isEqualTo("2026-12-18");
    assertThat(orders.order(pickupId).json().getString("status")).isEqualTo("DELIVERED");

    assertThat(desk.step(id, "process", new JsonObject()).json().getString("status"))
        .isEqualTo("PROCESSING");
    assertNotBooked(deliveryId, waiting.getString("orderNumber"));

    Http.Response ready = desk.step(id, "result-ready", new JsonObject());
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    assertThat(ready.json().getString("status")).isEqualTo("RESULT_READY");
    Eventually.within(WAIT, () -> assertThat(orders.order(deliveryId).json().getString("status"))
        .isEqualTo("BOOKED"));
    assertThat(sim.shipment(waiting.getString("orderNumber"))).isNotNull();
    assertThat(app.http().get("/api/v1/orders/" + deliveryId + "/label?format=pdf", keys.deskKey())
        .status()).isEqualTo(200);
    Eventually.within(WAIT, () -> assertThat(db.count("SELECT count(*) FROM sms_messages"
        + " WHERE order_id = $1 AND template = 'dossier.result_ready'", UUID.fromString(deliveryId)))
        .isEqualTo(1));

    String deliveryItem = orders.order(deliveryId).json().getString("itemCode");
    assertThat(courier.scans(Courier.scan(deliveryItem, "COLLECTED")).status()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("RESULT_WITH_POST");
    assertThat(courier.scans(Courier.scan(deliveryItem, "OUT_FOR_DELIVERY")).status()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("RESULT_WITH_POST");
    Http.Response delivered = courier.scans(Courier.delivery(deliveryItem, 0));
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("RESULT_DELIVERED");

    Http.Response closed = desk.step(id, "close", new JsonObject());
    assertThat(closed.json().getString("status")).isEqualTo("CLOSED");
    for (String step : new String[] {"receive", "process", "supplement", "resume", "result-ready",
        "close", "cancel"}) {
      Http.Response late = desk.step(id, step, "receive".equals(step) ? receipt("2026-12-18")
          : "supplement".equals(step) ? new JsonObject().put("documents", new JsonArray().add("Tờ khai"))
              .put("reason", "Thiếu tờ khai") : new JsonObject());
      assertThat(late.status()).as(step + ": " + late).isEqualTo(409);
      assertThat(late.json().getString("dossierStatus")).isEqualTo("CLOSED");
      assertThat(late.json().getJsonArray("allowedSteps")).isEmpty();
    }
    JsonArray steps = desk.dossier(id).json().getJsonArray("steps");
    assertThat(steps.stream().map(s -> ((JsonObject) s).getString("to")).toList())
        .containsExactly("AWAITING_COLLECTION", "COLLECTED", "RECEIVED", "PROCESSING",
            "RESULT_READY", "RESULT_WITH_POST", "RESULT_DELIVERED", "CLOSED");
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE subject = $1", "dossier:" + id))
        .isEqualTo(5);
  }

  @Test
  void aDossierWhoseResultAloneGoesByPostHasNoPickupLeg() {
    JsonObject created = desk.created("RESULT_BY_POST");

    assertThat(created.getJsonArray("legs")).hasSize(1);
    assertThat(Dossiers.leg(created, "PICKUP")).isNull();
    assertThat(created.getString("status")).isEqualTo("RECEIVED");
    assertThat(Dossiers.leg(created, "DELIVERY").getString("status")).isEqualTo("AWAITING_RESULT");
    assertThat(created.getString("pickupOrderId")).isNull();
    // the fee is collected on delivery of the result
    assertThat(Dossiers.leg(created, "DELIVERY").getLong("feeToCollect")).isEqualTo(50_000L);
  }

  @Test
  void aSupplementRequestWaitsForTheCitizenAndTellsThemBySms() {
    JsonObject created = desk.created("RESULT_BY_POST");
    String id = created.getString("id");
    String deliveryId = created.getString("deliveryOrderId");

    Http.Response asked = desk.step(id, "supplement", new JsonObject()
        .put("documents", new JsonArray().add("Bản sao CCCD").add("Sổ hộ khẩu"))
        .put("reason", "Thiếu giấy tờ chứng minh nơi cư trú"));

    assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
    assertThat(asked.json().getString("status")).isEqualTo("SUPPLEMENT_REQUESTED");
    assertThat(asked.json().getJsonObject("supplement").getJsonArray("documents")).hasSize(2);
    assertThat(asked.json().getJsonArray("allowedSteps")).contains("resume", "receive", "cancel")
        .doesNotContain("result-ready");
    Eventually.within(WAIT, () -> assertThat(db.one("SELECT body FROM sms_messages WHERE order_id = $1"
        + " AND template = 'dossier.supplement'", UUID.fromString(deliveryId)).getString("body"))
        .contains(created.getString("dossierCode")).contains("bo sung 2 giay to"));
    assertThat(desk.step(id, "result-ready", new JsonObject()).status()).isEqualTo(409);

    JsonObject again = new JsonObject().put("documents", new JsonArray().add("Bản sao CCCD"))
        .put("reason", "Bản sao chưa chứng thực");
    assertThat(desk.step(id, "resume", new JsonObject()).json().getString("status"))
        .isEqualTo("PROCESSING");
    String key = UUID.randomUUID().toString();
    Http.Response second = desk.step(id, "supplement", again, key);
    Http.Response repeat = desk.step(id, "supplement", again, key);
    assertThat(repeat.json()).isEqualTo(second.json());
    // one SMS per request: the first, the second, none for the repeat
    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'sms.send'"
        + " AND payload->>'dossierStep' = 'supplement'", UUID.fromString(deliveryId))).isEqualTo(2);
  }

  @Test
  void aStepTheStatusDoesNotAllowIs409NamingTheStatusAndTheAllowedSteps() {
    JsonObject created = desk.created("BOTH");
    String id = created.getString("id");

    for (String step : new String[] {"receive", "process", "resume", "result-ready", "close"}) {
      Http.Response refused = desk.step(id, step, "receive".equals(step)
          ? receipt("2026-12-18") : new JsonObject());
      assertThat(refused.status()).as(step + ": " + refused).isEqualTo(409);
      assertThat(refused.json().getString("type")).isEqualTo("/problems/dossier-step-not-allowed");
      assertThat(refused.json().getString("dossierStatus")).isEqualTo("AWAITING_COLLECTION");
      assertThat(refused.json().getJsonArray("allowedSteps")).containsExactly("cancel");
    }
    assertThat(status(id)).isEqualTo("AWAITING_COLLECTION");

    Http.Response cancelled = desk.step(id, "cancel", new JsonObject().put("reason", "Công dân rút hồ sơ"));
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelled.json().getJsonArray("legs").stream()
        .map(l -> ((JsonObject) l).getString("status")).toList()).containsOnly("CANCELLED");
    assertThat(desk.step(id, "cancel", new JsonObject()).status()).isEqualTo(409);
  }

  @Test
  void aRepeatedStepAnswersTheSameAndChangesNothing() {
    JsonObject created = desk.created("RESULT_BY_POST");
    String id = created.getString("id");
    String key = UUID.randomUUID().toString();

    Http.Response first = desk.step(id, "process", new JsonObject(), key);
    Http.Response again = desk.step(id, "process", new JsonObject(), key);
    String readyKey = UUID.randomUUID().toString();
    Http.Response ready = desk.step(id, "result-ready", new JsonObject(), readyKey);
    Http.Response readyAgain = desk.step(id, "result-ready", new JsonObject(), readyKey);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(readyAgain.json()).isEqualTo(ready.json());
    String cancelKey = UUID.randomUUID().toString();
    Http.Response cancelled = desk.step(id, "cancel", new JsonObject(), cancelKey);
    Http.Response cancelledAgain = desk.step(id, "cancel", new JsonObject(), cancelKey);
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(cancelledAgain.json()).isEqualTo(cancelled.json());
    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'carrier.book'",
        UUID.fromString(created.getString("deliveryOrderId")))).isEqualTo(1);
    assertThat(desk.dossier(id).json().getJsonArray("steps")).hasSize(4);
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE subject = $1", "dossier:" + id))
        .isEqualTo(4);
  }

  @Test
  void anotherOfficesDossierIsNotFound() {
    JsonObject created = desk.created("BOTH");
    Dossiers stranger = new Dossiers(app, app.newOffice());

    assertThat(stranger.dossier(created.getString("id")).status()).isEqualTo(404);
    assertThat(stranger.step(created.getString("id"), "cancel", new JsonObject()).status())
        .isEqualTo(404);
    assertThat(stranger.list("dossierCode=" + created.getString("dossierCode")).json()
        .getJsonArray("items")).isEmpty();
    assertThat(status(created.getString("id"))).isEqualTo("AWAITING_COLLECTION");
  }

  @Test
  void aMalformedDossierIs422NamingEachFieldAndStoresNothing() {
    String code = Samples.dossierCode(desk.office());
    JsonObject body = Dossiers.sample(code, "SUBMIT_BY_POST")
        .put("deliveryAddress", new JsonObject().put("line", "5 Lê Lợi").put("communeCode", "00070")
            .put("provinceCode", "01"))
        .put("procedureCode", "12345")
        .put("citizen", new JsonObject().put("name", "Nguyễn Văn An").put("phone", "12"));
    body.getJsonObject("collectionAddress").put("provinceCode", "99");

    Http.Response refused = desk.creates(body, UUID.randomUUID().toString());
    Http.Response noAddress = desk.creates(Dossiers.sample(code, "RESULT_BY_POST")
        .put("deliveryAddress", null), UUID.randomUUID().toString());
    Http.Response noMode = desk.creates(Dossiers.sample(code, "BOTH").put("mode", "BY_PIGEON"),
        UUID.randomUUID().toString());

    assertThat(refused.status()).isEqualTo(422);
    assertThat(fields(refused)).contains("deliveryAddress", "procedureCode", "citizen.phone",
        "collectionAddress.provinceCode");
    assertThat(fields(noAddress)).containsExactly("deliveryAddress");
    assertThat(fields(noMode)).contains("mode");
    assertThat(db.count("SELECT count(*) FROM dossiers WHERE dossier_code = $1", code)).isZero();
    assertThat(orders.list("dossierCode=" + code).json().getJsonArray("items")).isEmpty();
  }

  @Test
  void aMalformedStepIs422NamingEachFieldAndChangesNothing() {
    JsonObject created = desk.created("RESULT_BY_POST");
    String id = created.getString("id");

    Http.Response supplement = desk.step(id, "supplement", new JsonObject()
        .put("documents", new JsonArray().add("").add(7)).put("colour", "red"));
    Http.Response cancel = desk.step(id, "cancel", new JsonObject().put("reason", 12));

    assertThat(supplement.status()).isEqualTo(422);
    assertThat(fields(supplement)).contains("documents[0]", "documents[1]", "reason", "colour");
    assertThat(fields(cancel)).containsExactly("reason");
    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("status")).isEqualTo("RECEIVED");
    assertThat(after.getJsonArray("steps")).hasSize(1);
    assertThat(Dossiers.leg(after, "DELIVERY").getString("status")).isEqualTo("AWAITING_RESULT");
  }

  @Test
  void aReceiptThatDoesNotMatchLeavesTheDossierCollectedAndANoDateReceiptIs422() {
    JsonObject created = desk.created("SUBMIT_BY_POST");
    String id = created.getString("id");
    String pickupId = created.getString("pickupOrderId");
    Eventually.within(WAIT, () -> assertThat(orders.order(pickupId).json().getString("status"))
        .isEqualTo("BOOKED"));
    courier.scans(Courier.pickup(orders.order(pickupId).json().getString("itemCode"), 50_000));
    JsonObject short1 = receipt("2026-12-18");
    short1.getJsonArray("checklist").getJsonObject(1).put("count", 1);

    Http.Response noDate = desk.step(id, "receive", receipt("2026-12-18").put("appointmentDate", null));
    Http.Response gap = desk.step(id, "receive", short1);

    assertThat(noDate.status()).isEqualTo(422);
    assertThat(fields(noDate)).containsExactly("appointmentDate");
    assertThat(gap.status()).as(gap.toString()).isEqualTo(200);
    assertThat(gap.json().getJsonObject("receipt").getBoolean("match")).isFalse();
    assertThat(gap.json().getString("status")).isEqualTo("COLLECTED");
    assertThat(Dossiers.leg(gap.json(), "PICKUP").getJsonArray("flags")).contains("FOLLOW_UP");

    Http.Response fixed = desk.step(id, "receive", receipt("2026-12-18"));
    assertThat(fixed.json().getString("status")).isEqualTo("RECEIVED");
    assertThat(fixed.json().getJsonArray("allowedSteps")).contains("result-ready");
    Http.Response ready = desk.step(id, "result-ready", new JsonObject());
    assertThat(ready.json().getString("status")).isEqualTo("RESULT_READY");
    assertThat(ready.json().getJsonArray("allowedSteps")).containsExactly("close", "cancel");
    assertThat(desk.step(id, "close", new JsonObject()).json().getString("status")).isEqualTo("CLOSED");
    Eventually.within(WAIT, () -> assertThat(db.count("SELECT count(*) FROM sms_messages"
        + " WHERE order_id = $1 AND template = 'pickup.received' AND body LIKE '%18/12/2026%'",
        UUID.fromString(pickupId))).isEqualTo(1));
  }

  @Test
  void aDossierCodeIsOnePerOfficeAndItsCreateIsIdempotent() {
    JsonObject body = Dossiers.sample(Samples.dossierCode(desk.office()), "BOTH");
    String key = UUID.randomUUID().toString();

    Http.Response first = desk.creates(body, key);
    Http.Response repeat = desk.creates(body, key);
    Http.Response second = desk.creates(body, UUID.randomUUID().toString());

    assertThat(first.status()).isEqualTo(201);
    assertThat(repeat.status()).isEqualTo(201);
    assertThat(repeat.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(second.status()).isEqualTo(409);
    assertThat(desk.list("dossierCode=" + body.getString("dossierCode") + "&mode=BOTH").json()
        .getJsonArray("items")).hasSize(1);
  }

  @Test
  void aLegBookedOnItsOwnMakesAOneLegDossier() {
    JsonObject order = orders.booked("DELIVERY");

    JsonArray items = desk.list("dossierCode=" + order.getString("dossierCode")).json()
        .getJsonArray("items");

    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("mode")).isEqualTo("RESULT_BY_POST");
    assertThat(items.getJsonObject(0).getString("status")).isEqualTo("RESULT_READY");
    assertThat(items.getJsonObject(0).getString("deliveryOrderId")).isEqualTo(order.getString("id"));
  }

  private void assertNotBooked(String deliveryId, String orderNumber) {
    JsonObject leg = orders.order(deliveryId).json();
    assertThat(leg.getString("status")).isEqualTo("AWAITING_RESULT");
    assertThat(leg.getString("itemCode")).isNull();
    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'carrier.book'",
        UUID.fromString(deliveryId))).isZero();
    assertThat(sim.shipment(orderNumber)).isNull();
  }

  private String status(String id) {
    return desk.dossier(id).json().getString("status");
  }

  private static java.util.List<String> fields(Http.Response response) {
    return response.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private static JsonObject receipt(String appointment) {
    return new JsonObject().put("checklist", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)))
        .put("sealIntact", true)
        .put("feeHandedOver", new JsonObject().put("amount", 50_000).put("receiptNumber", "BL-0099"))
        .put("appointmentDate", appointment);
  }
}

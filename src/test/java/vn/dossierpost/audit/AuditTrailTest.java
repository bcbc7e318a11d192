package vn.dossierpost.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * Who did what (issue 24, point 5): every change a desk, a courier, an admin, the carrier or the
 * service itself makes to an order is in the order's audit trail, with its actor and request;
 * the trail is append-only and commits with the change or not at all.
 */
class AuditTrailTest {

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys office = app.newOffice();
  private final Desk desk = new Desk(app, office);
  private final Courier courier = new Courier(app, "650000");
  private final CarrierPush carrier = new CarrierPush(app);
  private final Db db = new Db(app.services().pool());

  @Test
  void aScriptedJourneyListsEveryActionWithItsActorRequestAndChange() {
    UUID deskKey = keyId(desk.key());
    UUID courierKey = keyId(courier.key());

    // A pickup: the desk books it, the service books it at the carrier, the desk corrects the
    // phone, the courier collects it and the desk receives it.
    Http.Response booking = books("PICKUP");
    String pickup = booking.json().getString("id");
    String itemCode = bookedAtCarrier(pickup);
    Http.Response correction = app.http().send(HttpMethod.PUT,
        "/api/v1/orders/" + pickup + "/citizen-phone", desk.key(),
        new JsonObject().put("phone", "0987654321").toBuffer(),
        Map.of("Content-Type", "application/json"));
    assertThat(correction.status()).as(correction.toString()).isEqualTo(200);
    Http.Response scan = courier.scans(Courier.pickup(itemCode, 50_000));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    Http.Response receipt = app.http().post("/api/v1/orders/" + pickup + "/receive", desk.key(),
        new JsonObject().put("checklist", Courier.pickup(itemCode, 0).getJsonArray("checklist"))
            .put("sealIntact", true));
    assertThat(receipt.status()).as(receipt.toString()).isEqualTo(200);

    List<JsonObject> trail = trail(pickup);

    assertThat(trail).extracting(e -> e.getString("action")).containsExactly("order.create",
        "carrier.booked", "order.correct-phone", "scan.COLLECTED", "desk.DESK_RECEIVED");
    assertActor(trail.get(0), "DESK", office.office(), deskKey, requestId(booking));
    assertChange(trail.get(0), null, "CREATED");
    assertThat(trail.get(1).getJsonObject("actor").getString("role")).isEqualTo("SYSTEM");
    assertThat(trail.get(1).getJsonObject("actor").getString("scope")).isEqualTo("carrier.book");
    assertThat(trail.get(1).getString("requestId")).startsWith("job:");
    assertChange(trail.get(1), "CREATED", "BOOKED");
    assertActor(trail.get(2), "DESK", office.office(), deskKey, requestId(correction));
    assertActor(trail.get(3), "COURIER", "650000", courierKey, requestId(scan));
    assertChange(trail.get(3), "BOOKED", "COLLECTED");
    assertThat(trail.get(3).getJsonObject("after").getString("itemCode")).isEqualTo(itemCode);
    assertActor(trail.get(4), "DESK", office.office(), deskKey, requestId(receipt));
    assertChange(trail.get(4), "COLLECTED", "DELIVERED");
  }

  @Test
  void aPhoneCorrectionKeepsThePreviousNumberShownMasked() {
    String id = books("DELIVERY").json().getString("id");
    Http.Response correction = app.http().send(HttpMethod.PUT,
        "/api/v1/orders/" + id + "/citizen-phone", desk.key(),
        new JsonObject().put("phone", "0987654321").toBuffer(),
        Map.of("Content-Type", "application/json"));
    assertThat(correction.status()).as(correction.toString()).isEqualTo(200);

    Http.Response answer = app.http().get("/api/v1/orders/" + id + "/audit", desk.key());
    JsonObject corrected = trail(id).stream()
        .filter(e -> e.getString("action").equals("order.correct-phone")).findFirst().orElseThrow();

    assertThat(corrected.getJsonObject("before").getString("phone")).isEqualTo("09xx xxx 678");
    assertThat(corrected.getJsonObject("after").getString("phone")).isEqualTo("09xx xxx 321");
    assertThat(answer.text()).doesNotContain("912345678").doesNotContain("987654321");
    Row kept = db.one("SELECT before->>'phone' AS phone FROM audit_trail "
        + "WHERE order_id = $1 AND action = 'order.correct-phone'", UUID.fromString(id));
    assertThat(kept.getString("phone")).isEqualTo("+84912345678");
  }

  @Test
  void theCarriersPushIsAuditedOncePerStatusChangeUnderItsMessageId() {
    String id = books("DELIVERY").json().getString("id");
    String itemCode = bookedAtCarrier(id);
    OffsetDateTime t0 = OffsetDateTime.now().minusMinutes(30);
    String batch = "msg_" + UUID.randomUUID();
    String delivered = "msg_" + UUID.randomUUID();

    assertThat(carrier.push(CarrierPush.batch(List.of(CarrierPush.record(itemCode, 6, t0),
        CarrierPush.record(itemCode, 7, t0.plusMinutes(1)),
        CarrierPush.record(itemCode, 12, t0.plusMinutes(2)))), batch).status()).isEqualTo(200);
    assertThat(carrier.push(CarrierPush.record(itemCode, 3, t0.plusMinutes(3))).status())
        .as("an event that changes nothing").isEqualTo(200);
    assertThat(carrier.push(CarrierPush.record(itemCode, 14, t0.plusMinutes(4)), delivered)
        .status()).isEqualTo(200);

    List<JsonObject> carrierRows = trail(id).stream()
        .filter(e -> e.getJsonObject("actor").getString("role").equals("CARRIER")).toList();
    assertThat(carrierRows).hasSize(2);
    assertActor(carrierRows.get(0), "CARRIER", "VNPOST", null, "sw:" + batch);
    assertChange(carrierRows.get(0), "BOOKED", "OUT_FOR_DELIVERY");
    assertThat(carrierRows.get(0).getString("action")).isEqualTo("webhook.OUT_FOR_DELIVERY");
    assertActor(carrierRows.get(1), "CARRIER", "VNPOST", null, "sw:" + delivered);
    assertChange(carrierRows.get(1), "OUT_FOR_DELIVERY", "DELIVERED");
  }

  @Test
  void aHandoverRecordIsAuditedOnEachOrderItLists() {
    String id = books("DELIVERY").json().getString("id");
    bookedAtCarrier(id);

    Http.Response manifest = app.http().post("/api/v1/manifests", desk.key(), new JsonObject()
        .put("orderIds", new JsonArray().add(id)).put("courierName", "Phạm Văn Bình")
        .put("postalUnit", "650000"));

    assertThat(manifest.status()).as(manifest.toString()).isEqualTo(201);
    JsonObject made = trail(id).stream()
        .filter(e -> e.getString("action").equals("manifest.create")).findFirst().orElseThrow();
    assertActor(made, "DESK", office.office(), keyId(desk.key()), requestId(manifest));
    assertThat(made.getJsonObject("after").getString("manifestCode"))
        .isEqualTo(manifest.json().getString("code"));
  }

  @Test
  void aDeskCancellationIsAudited() {
    Http.Response booking = books("DELIVERY");
    String id = booking.json().getString("id");

    Http.Response cancel = desk.cancels(id);

    assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
    JsonObject cancelled = trail(id).stream()
        .filter(e -> e.getString("action").equals("order.cancel")).findFirst().orElseThrow();
    assertActor(cancelled, "DESK", office.office(), keyId(desk.key()), requestId(cancel));
    assertThat(cancelled.getJsonObject("after").getString("status")).isEqualTo("CANCELLED");
  }

  @Test
  void anAdminsChangeIsAuditedWithoutItsSecrets() {
    UUID adminKey = keyId(app.adminKey());
    Http.Response policy = app.http().send(HttpMethod.PUT,
        "/api/v1/admin/offices/" + office.office() + "/policy", app.adminKey(),
        new JsonObject().put("maxAttempts", 4).toBuffer(), Map.of("Content-Type", "application/json"));
    Http.Response callback = app.http().send(HttpMethod.PUT,
        "/api/v1/admin/offices/" + office.office() + "/callback", app.adminKey(),
        new JsonObject().put("url", "https://mot-cua.example.vn/hook").toBuffer(),
        Map.of("Content-Type", "application/json"));
    assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
    assertThat(callback.status()).as(callback.toString()).isEqualTo(200);

    Row row = db.one("SELECT key_id, role, scope, request_id, before, after FROM audit_trail "
        + "WHERE subject = $1 AND action = 'office.policy'", office.office());
    assertThat(row.getUUID("key_id")).isEqualTo(adminKey);
    assertThat(row.getString("role")).isEqualTo("ADMIN");
    assertThat(row.getString("request_id")).isEqualTo(requestId(policy));
    assertThat(((JsonObject) row.getValue("after")).getJsonObject("policy").getInteger("maxAttempts"))
        .isEqualTo(4);
    Row hook = db.one("SELECT request_id, after::text AS after FROM audit_trail "
        + "WHERE subject = $1 AND action = 'office.callback'", office.office());
    assertThat(hook.getString("request_id")).isEqualTo(requestId(callback));
    assertThat(hook.getString("after")).contains("https://mot-cua.example.vn/hook")
        .doesNotContain(callback.json().getString("callbackSecret"));
  }

  @Test
  void anotherOfficesOrderOrAnUnknownOneAnswers404() {
    String id = books("DELIVERY").json().getString("id");
    Desk stranger = new Desk(app, app.newOffice());

    Http.Response theirs = app.http().get("/api/v1/orders/" + id + "/audit", stranger.key());
    Http.Response unknown = app.http().get("/api/v1/orders/" + UUID.randomUUID() + "/audit", desk.key());
    Http.Response courierAsks = app.http().get("/api/v1/orders/" + id + "/audit", courier.key());

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.header("Content-Type")).startsWith("application/problem+json");
    assertThat(theirs.text()).doesNotContain(id);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(courierAsks.status()).isEqualTo(403);
  }

  @Test
  void theAuditTableRefusesUpdatesDeletesAndTruncation() {
    String id = books("DELIVERY").json().getString("id");
    UUID order = UUID.fromString(id);
    // The booking job may append meanwhile: only the rows there now are compared.
    long last = db.count("SELECT max(id) FROM audit_trail WHERE order_id = $1", order);
    long before = db.count("SELECT count(*) FROM audit_trail WHERE order_id = $1 AND id <= $2",
        order, last);
    assertThat(before).isPositive();

    assertThatThrownBy(() -> db.exec("UPDATE audit_trail SET action = 'forged' WHERE order_id = $1", order))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.exec("DELETE FROM audit_trail WHERE order_id = $1", order))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> db.exec("TRUNCATE audit_trail"))
        .hasMessageContaining("append-only");

    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE order_id = $1 AND id <= $2 "
        + "AND action <> 'forged'", order, last)).isEqualTo(before);
  }

  @Test
  void aChangeThatRollsBackLeavesNoAuditRecord() {
    String id = books("DELIVERY").json().getString("id");
    UUID order = UUID.fromString(id);
    // The new link is registered after the correction is audited: refusing it fails the whole
    // transaction at its last step, as a database fault would.
    String suffix = id.replace("-", "");
    db.exec("CREATE FUNCTION audit_test_refuse_" + suffix + "() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
    db.exec("CREATE TRIGGER audit_test_" + suffix + " BEFORE INSERT ON tracking_tokens FOR EACH ROW "
        + "WHEN (NEW.order_id = '" + id + "') EXECUTE FUNCTION audit_test_refuse_" + suffix + "()");
    Http.Response failed;
    try {
      failed = app.http().send(HttpMethod.PUT, "/api/v1/orders/" + id + "/citizen-phone", desk.key(),
          new JsonObject().put("phone", "0987654321").toBuffer(),
          Map.of("Content-Type", "application/json"));
    } finally {
      db.exec("DROP TRIGGER audit_test_" + suffix + " ON tracking_tokens");
      db.exec("DROP FUNCTION audit_test_refuse_" + suffix + "()");
    }

    assertThat(failed.status()).isEqualTo(500);
    assertThat(desk.order(id).json().getJsonObject("citizen").getString("phone"))
        .isNotEqualTo("+84987654321");
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE order_id = $1 "
        + "AND action = 'order.correct-phone'", order)).isZero();
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE order_id = $1", order))
        .as("the booking's own record stays").isPositive();
  }

  private Http.Response books(String leg) {
    Http.Response response = desk.books(Samples.order(Samples.dossierCode(office.office()), leg));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response;
  }

  /** Waits for the service's booking job; answers the item code the carrier gave. */
  private String bookedAtCarrier(String id) {
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json().getString("itemCode");
  }

  private List<JsonObject> trail(String id) {
    Http.Response response = app.http().get("/api/v1/orders/" + id + "/audit", desk.key());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonArray items = response.json().getJsonArray("items");
    List<JsonObject> trail = new ArrayList<>();
    items.forEach(item -> trail.add((JsonObject) item));
    return trail;
  }

  private UUID keyId(String key) {
    return TestApp.await(app.services().apiKeys().authenticate(key)).orElseThrow().keyId();
  }

  private static String requestId(Http.Response response) {
    String id = response.header("X-Request-Id");
    assertThat(id).isNotBlank();
    return id;
  }

  private static void assertActor(JsonObject entry, String role, String scope, UUID keyId,
      String requestId) {
    JsonObject actor = entry.getJsonObject("actor");
    assertThat(actor.getString("role")).as(entry.encode()).isEqualTo(role);
    assertThat(actor.getString("scope")).as(entry.encode()).isEqualTo(scope);
    assertThat(actor.getString("keyId")).as(entry.encode())
        .isEqualTo(keyId == null ? null : keyId.toString());
    assertThat(entry.getString("requestId")).as(entry.encode()).isEqualTo(requestId);
  }

  private static void assertChange(JsonObject entry, String from, String to) {
    JsonObject before = entry.getJsonObject("before");
    assertThat(before == null ? null : before.getString("status")).as(entry.encode()).isEqualTo(from);
    assertThat(entry.getJsonObject("after").getString("status")).as(entry.encode()).isEqualTo(to);
  }
}

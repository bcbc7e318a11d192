package vn.dossierpost.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * Issue 25's dossier routes as an adversary tries them: another office's key, ids that are not
 * ids, every step in every status, two result-ready requests at once, bodies of the wrong shape.
 * Whatever the client sends, the answer is never 5xx and a refused request changes nothing.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DossierAdversaryTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String[] STEPS = {"receive", "process", "supplement", "resume",
      "result-ready", "close", "cancel"};

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys keys = app.newOffice();
  private final Dossiers desk = new Dossiers(app, keys);
  private final Desk orders = new Desk(app, keys);
  private final Courier courier = new Courier(app, "650000");
  private final Db db = new Db(app.services().pool());

  @Test
  void anotherOfficesKeyGetsExactlyWhatAnUnknownIdGetsOnEveryRouteAndStep() {
    JsonObject created = desk.created("RESULT_BY_POST");
    String id = created.getString("id");
    long audits = db.count("SELECT count(*) FROM audit_trail WHERE subject = $1", "dossier:" + id);
    TestApp.OfficeKeys otherKeys = app.newOffice();
    Dossiers stranger = new Dossiers(app, otherKeys);
    String unknown = UUID.randomUUID().toString();

    Http.Response theirs = stranger.dossier(id);
    Http.Response none = stranger.dossier(unknown);
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(body(theirs)).isEqualTo(body(none));
    for (String step : STEPS) {
      Http.Response refused = stranger.step(id, step, bodyOf(step));
      Http.Response missing = stranger.step(unknown, step, bodyOf(step));
      assertThat(refused.status()).as(step).isEqualTo(404);
      assertThat(body(refused)).as(step).isEqualTo(body(missing));
    }
    assertThat(stranger.list("dossierCode=" + created.getString("dossierCode")).json()
        .getJsonArray("items")).isEmpty();
    // the order routes of its legs too
    String leg = created.getString("deliveryOrderId");
    assertThat(app.http().get("/api/v1/orders/" + leg, otherKeys.deskKey()).status()).isEqualTo(404);
    assertThat(app.http().post("/api/v1/orders/" + leg + "/cancel", otherKeys.deskKey(),
        new JsonObject()).status()).isEqualTo(404);
    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("status")).isEqualTo("RECEIVED");
    assertThat(after.getJsonArray("steps")).hasSize(1);
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE subject = $1", "dossier:" + id))
        .isEqualTo(audits);
  }

  @Test
  void keysOfOtherRolesAreRefusedOnTheDeskRoutes() {
    JsonObject created = desk.created("RESULT_BY_POST");
    String id = created.getString("id");
    String courierKey = courier.key();
    String admin = app.adminKey();

    for (String key : new String[] {courierKey, admin}) {
      assertThat(app.http().get("/api/v1/dossiers/" + id, key).status()).isIn(401, 403);
      assertThat(app.http().post("/api/v1/dossiers/" + id + "/cancel", key, new JsonObject(),
          Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isIn(401, 403);
      assertThat(app.http().get("/api/v1/procedures", key).status()).isIn(401, 403);
    }
    // the desk on the admin's catalogue, its own office's included
    for (String path : new String[] {"/api/v1/admin/offices/" + keys.office() + "/procedures",
        "/api/v1/admin/offices/" + keys.office() + "/procedures/1.001234"}) {
      assertThat(app.http().get(path, keys.deskKey()).status()).as(path).isIn(401, 403);
    }
    assertThat(app.http().send(HttpMethod.PUT, "/api/v1/admin/offices/" + keys.office()
            + "/procedures/1.001234", keys.deskKey(), new JsonObject().toBuffer(),
        Map.of("Content-Type", "application/json")).status()).isIn(401, 403);
    assertThat(app.http().send(HttpMethod.POST, "/api/v1/admin/offices/" + keys.office()
            + "/procedures/import", keys.deskKey(), io.vertx.core.buffer.Buffer.buffer("x"),
        Map.of("Content-Type", "text/csv")).status()).isIn(401, 403);
    assertThat(desk.dossier(id).json().getString("status")).isEqualTo("RECEIVED");
    assertThat(db.count("SELECT count(*) FROM procedures WHERE office_code = $1", keys.office())).isZero();
  }

  @Test
  void idsThatAreNotIdsAreNotFoundAndNeverAnError() {
    JsonObject unknown = body(desk.dossier(UUID.randomUUID().toString()));
    List<String> odd = List.of("not-a-uuid", "x".repeat(5000), "%C3%A9%C3%A9%C3%A9",
        UUID.randomUUID().toString().toUpperCase(), "..%2F..%2Fadmin", "%00",
        UUID.randomUUID() + "%20", "00000000-0000-0000-0000-00000000000g",
        "+0000000-0000-0000-0000-000000000000", "1-1-1-1-1", "%F0%9F%98%80".repeat(9));
    for (String id : odd) {
      Http.Response got = app.http().get("/api/v1/dossiers/" + id, keys.deskKey());
      assertThat(got.status()).as(id).isIn(400, 404, 414);
      if (got.status() == 404) {
        assertThat(got.header("Content-Type")).as(id).startsWith("application/problem+json");
      }
      Http.Response step = desk.step(id, "cancel", new JsonObject());
      assertThat(step.status()).as("cancel " + id).isIn(400, 404, 414);
    }
    assertThat(body(app.http().get("/api/v1/dossiers/not-a-uuid", keys.deskKey()))).isEqualTo(unknown);
  }

  /**
   * Every step in every status: those README's table allows answer 200, every other 409 naming
   * the status and changing nothing (status, steps, legs, audit).
   */
  @Test
  void everyStepInEveryStatusIsAllowedExactlyWhereTheTableSaysAndARefusalChangesNothing() {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    allowed.put("AWAITING_COLLECTION", Set.of("cancel"));
    allowed.put("COLLECTED", Set.of("receive", "supplement", "cancel"));
    allowed.put("RECEIVED", Set.of("process", "supplement", "result-ready", "cancel"));
    allowed.put("PROCESSING", Set.of("supplement", "result-ready", "cancel"));
    allowed.put("SUPPLEMENT_REQUESTED", Set.of("receive", "resume", "cancel"));
    allowed.put("RESULT_READY", Set.of("cancel"));
    allowed.put("RESULT_WITH_POST", Set.of());
    allowed.put("RESULT_DELIVERED", Set.of("close"));
    allowed.put("CLOSED", Set.of());
    allowed.put("CANCELLED", Set.of());
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Set<String>> status : allowed.entrySet()) {
      String refusedOne = inStatus(status.getKey());
      for (String step : STEPS) {
        boolean ok = status.getValue().contains(step);
        String id = ok ? inStatus(status.getKey()) : refusedOne;
        JsonObject before = desk.dossier(id).json();
        long audits = db.count("SELECT count(*) FROM audit_trail WHERE subject = $1", "dossier:" + id);
        Http.Response answer = desk.step(id, step, bodyOf(step));
        assertThat(answer.status()).as(status.getKey() + " " + step + ": " + answer).isLessThan(500);
        if (answer.status() != (ok ? 200 : 409)) {
          wrong.add(status.getKey() + " " + step + " → " + answer);
          continue;
        }
        if (!ok) {
          assertThat(answer.json().getString("dossierStatus")).isEqualTo(status.getKey());
          assertThat(answer.json().getJsonArray("allowedSteps").getList())
              .containsExactlyInAnyOrderElementsOf(status.getValue());
          JsonObject after = desk.dossier(id).json();
          assertThat(after.getString("status")).isEqualTo(before.getString("status"));
          assertThat(after.getJsonArray("steps")).isEqualTo(before.getJsonArray("steps"));
          // updatedAt moves with the workers (SMS, callbacks) that follow the courier's scan
          assertThat(withoutUpdatedAt(after.getJsonArray("legs")))
              .isEqualTo(withoutUpdatedAt(before.getJsonArray("legs")));
          assertThat(db.count("SELECT count(*) FROM audit_trail WHERE subject = $1", "dossier:" + id))
              .isEqualTo(audits);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void twoResultReadyRequestsAtOnceBookTheDeliveryLegOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      JsonObject created = desk.created("RESULT_BY_POST");
      String id = created.getString("id");
      UUID leg = UUID.fromString(created.getString("deliveryOrderId"));
      List<CompletableFuture<Http.Response>> racing = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        racing.add(CompletableFuture.supplyAsync(() -> desk.step(id, "result-ready", new JsonObject())));
      }
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Http.Response> r : racing) {
        statuses.add(r.get(60, TimeUnit.SECONDS).status());
      }
      assertThat(statuses).as("round " + round).containsOnly(200, 409).containsOnlyOnce(200);
      assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'carrier.book'", leg))
          .isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'sms.send'"
          + " AND payload->>'dossierStep' = 'result_ready'", leg)).isEqualTo(1);
      assertThat(db.count("SELECT count(*) FROM audit_trail WHERE subject = $1 AND action = $2",
          "dossier:" + id, "dossier.result_ready")).isEqualTo(1);
    }
  }

  /**
   * A DELIVERY leg cancelled on its own (the order route) leaves a dossier that must not
   * pretend the result is on its way: marking it ready tells the citizen by SMS and books
   * nothing (the booking job skips a cancelled order), leaving a dossier that can never close.
   */
  @Test
  void aResultIsNotMarkedReadyOnADeliveryLegTheDeskCancelled() {
    String id = inStatus("PROCESSING", "BOTH");
    JsonObject dossier = desk.dossier(id).json();
    UUID leg = UUID.fromString(dossier.getString("deliveryOrderId"));
    assertThat(orders.cancels(leg.toString()).status()).isEqualTo(200);
    assertThat(orders.order(leg.toString()).json().getString("status")).isEqualTo("CANCELLED");

    Http.Response ready = desk.step(id, "result-ready", new JsonObject());

    assertThat(ready.status()).as(ready.toString()).isEqualTo(409);
    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1 AND kind = 'sms.send'"
        + " AND payload->>'dossierStep' = 'result_ready'", leg)).isZero();
    assertThat(ready.json().getString("type")).isEqualTo("/problems/delivery-leg-not-waiting");
    assertThat(desk.dossier(id).json().getString("status")).isEqualTo("PROCESSING");
    // the way out the answer names: a new DELIVERY leg joins the dossier, booked at once
    Http.Response rebooked = orders.books(Samples.order(dossier.getString("dossierCode"), "DELIVERY"));
    assertThat(rebooked.status()).as(rebooked.toString()).isEqualTo(201);
    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("deliveryOrderId")).isEqualTo(rebooked.json().getString("id"));
    assertThat(after.getString("status")).isEqualTo("RESULT_READY");
  }

  @Test
  void aLegBookedByTheOrderRouteCannotMakeAThirdLegOrRewriteTheDossier() {
    JsonObject created = desk.created("BOTH");
    String code = created.getString("dossierCode");

    Http.Response third = orders.books(Samples.order(code, "DELIVERY"));
    Http.Response fourth = orders.books(Samples.order(code, "PICKUP"));

    assertThat(third.status()).as(third.toString()).isEqualTo(409);
    assertThat(fourth.status()).as(fourth.toString()).isEqualTo(409);
    JsonObject after = desk.dossier(created.getString("id")).json();
    assertThat(after.getJsonArray("legs")).hasSize(2);
    assertThat(after.getString("pickupOrderId")).isEqualTo(created.getString("pickupOrderId"));
    assertThat(after.getString("deliveryOrderId")).isEqualTo(created.getString("deliveryOrderId"));
    assertThat(after.getJsonArray("steps")).isEqualTo(created.getJsonArray("steps"));
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1 AND dossier_code = $2",
        keys.office(), code)).isEqualTo(2);
  }

  @Test
  void bodiesOfTheWrongShapeAre422Or400NamingTheFieldAndStoreNothing() {
    String code = Samples.dossierCode(keys.office());
    JsonObject good = Dossiers.sample(code, "BOTH");
    List<JsonObject> bad = new ArrayList<>();
    Object[] oddValues = {null, 7, -1, 1.5, true, "x", "", new JsonArray(), new JsonObject(),
        "x".repeat(1_000_000), new JsonArray().add("a").add(1), Long.MAX_VALUE, "٣"};
    for (String field : good.fieldNames()) {
      for (Object odd : oddValues) {
        bad.add(good.copy().put(field, odd));
      }
    }
    for (String nested : new String[] {"citizen", "collectionAddress", "deliveryAddress"}) {
      for (String field : good.getJsonObject(nested).fieldNames()) {
        for (Object odd : oddValues) {
          JsonObject body = good.copy();
          body.getJsonObject(nested).put(field, odd);
          bad.add(body);
        }
      }
    }
    bad.add(good.copy().put("feeToCollect", "50000"));
    bad.add(good.copy().put("notifySms", "true"));
    // a commune of Hà Nội under Hồ Chí Minh City's code
    JsonObject elsewhere = good.copy();
    elsewhere.getJsonObject("deliveryAddress").put("provinceCode", "79");
    List<JsonObject> mustRefuse = new ArrayList<>();
    mustRefuse.add(elsewhere);
    JsonObject noCommune = good.copy();
    noCommune.getJsonObject("collectionAddress").put("communeCode", "99999");
    mustRefuse.add(noCommune);
    mustRefuse.add(good.copy().put("mode", "SUBMIT_BY_POST"));
    mustRefuse.add(good.copy().put("mode", "RESULT_BY_POST"));
    mustRefuse.add(good.copy().put("mode", "both"));
    mustRefuse.add(good.copy().put("feeToCollect", -1));
    mustRefuse.add(good.copy().put("feeToCollect", Long.MAX_VALUE));
    mustRefuse.add(good.copy().put("unexpected", 1));

    List<String> wrong = new ArrayList<>();
    for (JsonObject body : bad) {
      if (!(body.getValue("dossierCode") instanceof String c) || c.equals(code)) {
        // each its own dossier, so that one accepted does not make the next a conflict
        if (body.getValue("dossierCode") instanceof String) {
          body.put("dossierCode", Samples.dossierCode(keys.office()));
        }
      }
      long before = footprint();
      Http.Response r = desk.creates(body, UUID.randomUUID().toString());
      if (r.status() == 201) {
        continue; // a value the field takes (a text, a number in range): not the point here
      }
      if (r.status() != 422 && r.status() != 400 && r.status() != 413) {
        wrong.add(r.status() + " for " + abbreviated(body) + ": " + abbreviated(r.text()));
        continue;
      }
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
      if (r.status() == 422) {
        assertThat(r.json().getJsonArray("errors")).as(abbreviated(body)).isNotEmpty();
      }
      assertThat(footprint()).as("stored by a refused " + abbreviated(body)).isEqualTo(before);
    }
    for (JsonObject body : mustRefuse) {
      long before = footprint();
      Http.Response r = desk.creates(body, UUID.randomUUID().toString());
      if (r.status() != 422) {
        wrong.add("must refuse, got " + r.status() + ": " + abbreviated(body));
      }
      assertThat(footprint()).isEqualTo(before);
    }
    assertThat(wrong).isEmpty();
    for (Object body : new Object[] {"[]", "\"x\"", "null", "7", "{", "{\"a\":}"}) {
      Http.Response r = app.http().send(HttpMethod.POST, "/api/v1/dossiers", keys.deskKey(),
          io.vertx.core.buffer.Buffer.buffer(body.toString()), Map.of("Content-Type", "application/json",
              "Idempotency-Key", UUID.randomUUID().toString()));
      assertThat(r.status()).as(body.toString()).isEqualTo(400);
    }
  }

  @Test
  void stepBodiesOfTheWrongShapeAreRefusedAndChangeNothing() {
    String id = inStatus("RECEIVED");
    JsonArray many = new JsonArray();
    for (int i = 0; i < 10_000; i++) {
      many.add("Giấy tờ " + i);
    }
    Object[] oddValues = {null, 7, true, "x".repeat(1_000_000), new JsonArray(), new JsonObject(),
        new JsonArray().add(new JsonObject())};
    List<JsonObject> bodies = new ArrayList<>();
    bodies.add(new JsonObject().put("documents", many).put("reason", "Thiếu"));
    for (Object odd : oddValues) {
      bodies.add(new JsonObject().put("documents", odd).put("reason", "Thiếu giấy tờ"));
      bodies.add(new JsonObject().put("documents", new JsonArray().add("Tờ khai")).put("reason", odd));
      bodies.add(new JsonObject().put("documents", new JsonArray().add(odd)).put("reason", "Thiếu giấy tờ"));
    }
    List<String> wrong = new ArrayList<>();
    for (JsonObject body : bodies) {
      Http.Response r = desk.step(id, "supplement", body);
      if (r.status() != 422 && r.status() != 413) {
        wrong.add("supplement " + r.status() + " for " + abbreviated(body.encode()));
      }
    }
    for (String step : new String[] {"process", "result-ready", "cancel"}) {
      for (Object odd : oddValues) {
        for (String field : new String[] {"note", "reason", "unknown"}) {
          if (odd == null && !"unknown".equals(field)) {
            continue; // an absent optional field
          }
          Http.Response r = desk.step(id, step, new JsonObject().put(field, odd));
          if (r.status() != 422 && r.status() != 413) {
            wrong.add(step + "." + field + " " + r.status() + " for " + abbreviated(String.valueOf(odd)));
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("status")).isEqualTo("RECEIVED");
    assertThat(after.getJsonArray("steps")).hasSize(1);
  }

  @Test
  void receiveBodiesOfTheWrongShapeAreRefusedAndChangeNothing() {
    String id = inStatus("COLLECTED");
    JsonObject good = receipt("2026-12-18");
    Object[] oddValues = {7, true, false, "x".repeat(100_000), new JsonObject(), -5,
        "2026-02-30", "2026-13-01", "９９９９-01-01"};
    List<String> wrong = new ArrayList<>();
    for (String field : good.fieldNames()) {
      for (Object odd : oddValues) {
        if ("sealIntact".equals(field) && odd instanceof Boolean) {
          continue; // both are answers the desk may give
        }
        JsonObject body = good.copy().put(field, odd);
        Http.Response r = desk.step(id, "receive", body);
        if (r.status() != 422) {
          wrong.add(field + "=" + abbreviated(String.valueOf(odd)) + " → " + abbreviated(r.toString()));
        }
      }
    }
    JsonObject negativeFee = good.copy().put("feeHandedOver",
        new JsonObject().put("amount", -50_000).put("receiptNumber", "BL-1"));
    Http.Response r = desk.step(id, "receive", negativeFee);
    if (r.status() != 422) {
      wrong.add("negative fee → " + r);
    }
    assertThat(wrong).isEmpty();
    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("status")).isEqualTo("COLLECTED");
    assertThat(Dossiers.leg(after, "PICKUP").getString("status")).isEqualTo("COLLECTED");
    assertThat(Dossiers.leg(after, "PICKUP").getJsonArray("flags")).doesNotContain("FOLLOW_UP");
  }

  /** PostgreSQL refuses NUL in text: every string a client sends must be checked before it. */
  @Test
  void aNulInAnyTextIsRefusedAndNeverAnError() {
    String nul = "Nguyễn\u0000An";
    JsonObject good = Dossiers.sample(Samples.dossierCode(keys.office()), "BOTH");
    List<JsonObject> bodies = new ArrayList<>();
    bodies.add(good.copy().put("contents", nul));
    JsonObject name = good.copy();
    name.getJsonObject("citizen").put("name", nul);
    bodies.add(name);
    JsonObject line = good.copy();
    line.getJsonObject("collectionAddress").put("line", nul);
    bodies.add(line);
    List<String> wrong = new ArrayList<>();
    for (JsonObject body : bodies) {
      Http.Response r = desk.creates(body, UUID.randomUUID().toString());
      if (r.status() >= 500) {
        wrong.add("create " + r);
      }
    }
    String id = inStatus("RECEIVED");
    Http.Response supplement = desk.step(id, "supplement", new JsonObject()
        .put("documents", new JsonArray().add(nul)).put("reason", nul));
    Http.Response process = desk.step(id, "process", new JsonObject().put("note", nul));
    Http.Response cancel = desk.step(id, "cancel", new JsonObject().put("reason", nul));
    for (Http.Response r : List.of(supplement, process, cancel)) {
      if (r.status() >= 500) {
        wrong.add("step " + r);
      }
    }
    for (String query : new String[] {"dossierCode=%00", "status=%00", "mode=%00", "cursor=%00"}) {
      Http.Response r = desk.list(query);
      if (r.status() >= 500) {
        wrong.add(query + " " + r);
      }
    }
    for (String path : new String[] {"/api/v1/geo/provinces/%00/communes",
        "/api/v1/geo/provinces/01/communes?q=%00"}) {
      Http.Response r = app.http().get(path, keys.deskKey());
      if (r.status() >= 500) {
        wrong.add(path + " " + r);
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * A result the post brought back is sent again: the desk books a new DELIVERY leg (the order
   * route; the returned one no longer blocks the code). The dossier follows the new leg — back
   * to result ready, then with the post, then delivered — instead of staying "returned" while
   * the result reaches the citizen.
   */
  @Test
  void aReturnedResultSentAgainIsFollowedByTheDossier() {
    String id = inStatus("RESULT_WITH_POST");
    JsonObject dossier = desk.dossier(id).json();
    String item = Dossiers.leg(dossier, "DELIVERY").getString("itemCode");
    for (JsonObject scan : List.of(Courier.scan(item, "OUT_FOR_DELIVERY"),
        Courier.scan(item, "DELIVERY_FAILED").put("reason", "RECIPIENT_ABSENT"),
        Courier.scan(item, "RETURN_STARTED").put("reason", "RECIPIENT_ABSENT"),
        Courier.scan(item, "RETURNED"))) {
      Http.Response r = courier.scans(scan);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
    assertThat(desk.dossier(id).json().getString("status")).isEqualTo("RESULT_RETURNED");

    JsonObject again = Samples.order(dossier.getString("dossierCode"), "DELIVERY");
    Http.Response rebooked = orders.books(again);
    assertThat(rebooked.status()).as(rebooked.toString()).isEqualTo(201);
    String legId = rebooked.json().getString("id");

    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("deliveryOrderId")).isEqualTo(legId);
    assertThat(after.getString("status")).isEqualTo("RESULT_READY");
    Eventually.within(WAIT, () -> assertThat(orders.order(legId).json().getString("status"))
        .isEqualTo("BOOKED"));
    String newItem = orders.order(legId).json().getString("itemCode");
    assertThat(courier.scans(Courier.scan(newItem, "COLLECTED")).status()).isEqualTo(200);
    assertThat(courier.scans(Courier.scan(newItem, "OUT_FOR_DELIVERY")).status()).isEqualTo(200);
    assertThat(courier.scans(Courier.delivery(newItem, 50_000)).status()).isEqualTo(200);
    assertThat(desk.dossier(id).json().getString("status")).isEqualTo("RESULT_DELIVERED");
  }

  /**
   * A PICKUP leg booked by the order route joins a dossier the citizen brought to the desk, while
   * the desk waits for a supplement; the citizen then brings the documents in person. Receiving
   * at the desk must not fail on a leg the post never collected, and never answer 5xx.
   */
  @Test
  void aPickupLegJoiningLateDoesNotBreakTheDesksReceipt() {
    String id = inStatus("SUPPLEMENT_REQUESTED");
    JsonObject dossier = desk.dossier(id).json();
    Http.Response joined = orders.books(Samples.order(dossier.getString("dossierCode"), "PICKUP"));
    assertThat(joined.status()).as(joined.toString()).isEqualTo(201);

    Http.Response received = desk.step(id, "receive", receipt("2026-12-18"));

    assertThat(received.status()).as(received.toString()).isLessThan(500);
    assertThat(received.status()).as(received.toString()).isIn(200, 409);
  }

  /** A closed dossier takes no new leg: no courier is sent for the paper of a closed case. */
  @Test
  void aClosedDossierTakesNoNewLeg() {
    String id = inStatus("CLOSED");
    JsonObject before = desk.dossier(id).json();
    String code = before.getString("dossierCode");

    Http.Response pickup = orders.books(Samples.order(code, "PICKUP"));

    assertThat(pickup.status()).as(pickup.toString()).isEqualTo(409);
    assertThat(pickup.json().getString("type")).isEqualTo("/problems/dossier-closed");
    JsonObject after = desk.dossier(id).json();
    assertThat(after.getString("mode")).isEqualTo("RESULT_BY_POST");
    assertThat(after.getString("pickupOrderId")).isNull();
    assertThat(after.getJsonArray("steps")).isEqualTo(before.getJsonArray("steps"));
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1 AND dossier_code = $2",
        keys.office(), code)).isEqualTo(1);
  }

  /** Every violation of a list query at once, those of the order filters included. */
  @Test
  void aListQueryNamesEveryWrongParameterAtOnce() {
    Http.Response r = desk.list("status=LOST_AT_SEA&mode=BY_PIGEON&limit=abc&from=yesterday");

    assertThat(r.status()).as(r.toString()).isIn(400, 422);
    assertThat(r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))
        .toList()).contains("status", "mode", "limit", "from");
  }

  // ------------------------------------------------------------------ helpers

  private String inStatus(String status) {
    return inStatus(status, status.equals("AWAITING_COLLECTION") || status.equals("COLLECTED")
        ? "BOTH" : "RESULT_BY_POST");
  }

  /** A fresh dossier of {@code mode} brought to {@code status} the way a desk would. */
  private String inStatus(String status, String mode) {
    JsonObject created = desk.created(mode);
    String id = created.getString("id");
    if (mode.equals("BOTH")) {
      String pickupId = created.getString("pickupOrderId");
      Eventually.within(WAIT, () -> assertThat(orders.order(pickupId).json().getString("status"))
          .isEqualTo("BOOKED"));
    }
    if (status.equals("AWAITING_COLLECTION")) {
      return id;
    }
    if (mode.equals("BOTH")) {
      String pickupId = created.getString("pickupOrderId");
      assertThat(courier.scans(Courier.pickup(orders.order(pickupId).json().getString("itemCode"),
          50_000)).status()).isEqualTo(200);
      if (status.equals("COLLECTED")) {
        return expect(id, status);
      }
      assertThat(desk.step(id, "receive", receipt("2026-12-18")).status()).isEqualTo(200);
    }
    switch (status) {
      case "RECEIVED" -> {
        return expect(id, status);
      }
      case "CANCELLED" -> {
        desk.step(id, "cancel", new JsonObject());
        return expect(id, status);
      }
      case "SUPPLEMENT_REQUESTED" -> {
        desk.step(id, "supplement", bodyOf("supplement"));
        return expect(id, status);
      }
      default -> {
      }
    }
    desk.step(id, "process", new JsonObject());
    if (status.equals("PROCESSING")) {
      return expect(id, status);
    }
    desk.step(id, "result-ready", new JsonObject());
    String deliveryId = created.getString("deliveryOrderId");
    Eventually.within(WAIT, () -> assertThat(orders.order(deliveryId).json().getString("status"))
        .isEqualTo("BOOKED"));
    if (status.equals("RESULT_READY")) {
      return expect(id, status);
    }
    String item = orders.order(deliveryId).json().getString("itemCode");
    assertThat(courier.scans(Courier.scan(item, "COLLECTED")).status()).isEqualTo(200);
    if (status.equals("RESULT_WITH_POST")) {
      return expect(id, status);
    }
    assertThat(courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY")).status()).isEqualTo(200);
    assertThat(courier.scans(Courier.delivery(item, 50_000)).status()).isEqualTo(200);
    if (status.equals("RESULT_DELIVERED")) {
      return expect(id, status);
    }
    desk.step(id, "close", new JsonObject());
    return expect(id, "CLOSED");
  }

  private static JsonArray withoutUpdatedAt(JsonArray legs) {
    JsonArray copy = legs.copy();
    copy.forEach(l -> ((JsonObject) l).remove("updatedAt"));
    return copy;
  }

  private long footprint() {
    return db.count("SELECT count(*) FROM dossiers WHERE office_code = $1", keys.office())
        + db.count("SELECT count(*) FROM orders WHERE office_code = $1", keys.office());
  }

  private String expect(String id, String status) {
    assertThat(desk.dossier(id).json().getString("status")).isEqualTo(status);
    return id;
  }

  private static JsonObject bodyOf(String step) {
    return switch (step) {
      case "receive" -> receipt("2026-12-18");
      case "supplement" -> new JsonObject().put("documents", new JsonArray().add("Bản sao CCCD"))
          .put("reason", "Thiếu bản sao CCCD");
      default -> new JsonObject();
    };
  }

  private static JsonObject receipt(String appointment) {
    return new JsonObject().put("checklist", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)))
        .put("sealIntact", true)
        .put("feeHandedOver", new JsonObject().put("amount", 50_000).put("receiptNumber", "BL-0099"))
        .put("appointmentDate", appointment);
  }

  /** The problem body without what differs per request (instance, trace). */
  private static JsonObject body(Http.Response r) {
    JsonObject json = r.json().copy();
    json.remove("instance");
    json.remove("traceId");
    json.remove("requestId");
    return json;
  }

  private static String abbreviated(Object o) {
    String s = String.valueOf(o);
    return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : s;
  }
}

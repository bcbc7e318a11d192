package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * Carrier records are checked against the contract before anything of them is kept: a pushed
 * message with one bad record is refused whole, naming the record and field; a bad record of a
 * polled page is parked for an admin while the others apply and the cursor moves on.
 */
class StrictIntakeTest {

  private final TestApp app = TestApp.shared();
  private final CarrierPush carrier = new CarrierPush(app);
  private final Db db = new Db(app.services().pool());
  private final OffsetDateTime t0 = OffsetDateTime.now().minusMinutes(5);

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad("a status code in letters", "StatusCode", r -> r.put("StatusCode", "abc")),
        bad("a status code of 1e20", "StatusCode", r -> r.put("StatusCode", 1e20)),
        bad("a negative status code", "StatusCode", r -> r.put("StatusCode", -1)),
        bad("a post office code that is an array", "PostOfficeCode",
            r -> r.put("PostOfficeCode", new JsonArray().add("x"))),
        bad("a date in the year 1", "StatusDate", r -> r.put("StatusDate", "0001-01-01T00:00:00+07:00")),
        bad("a date in the next century", "StatusDate", r -> r.put("StatusDate", "2999-01-01T00:00:00+07:00")),
        bad("a negative fee collected", "CODCollected", r -> r.put("CODCollected", -5)),
        bad("a 200 KB status message", "StatusMessage", r -> r.put("StatusMessage", "x".repeat(200_000))),
        bad("an unknown field", "Signature", r -> r.put("Signature", "trust me")),
        bad("no item code", "ItemCode", r -> {
          r.remove("ItemCode");
          return r;
        }));
  }

  private static Arguments bad(String what, String field, UnaryOperator<JsonObject> breaks) {
    return Arguments.of(what, field, breaks);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aPushedRecordThatBreaksTheContractIsA422NamingItsFieldAndNothingIsStored(String what,
      String field, UnaryOperator<JsonObject> breaks) {
    String item = stranger();
    String message = "msg_" + UUID.randomUUID();
    Counts before = counts(item, message);

    Http.Response single = carrier.push(breaks.apply(CarrierPush.record(item, 6, t0)), message);

    assertThat(single.status()).isEqualTo(422);
    assertThat(single.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(fields(single)).containsExactly(field);
    assertNothingKept(item, message, before);
  }

  @Test
  void aBatchWithOneBadRecordIsRefusedWholeNamingThatRecord() {
    String item = stranger();
    String message = "msg_" + UUID.randomUUID();
    Counts before = counts(item, message);
    List<JsonObject> records = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      records.add(CarrierPush.record(item, 6 + i, t0.plusSeconds(i)));
    }
    records.add(CarrierPush.record(item, 12, t0.plusSeconds(3)).put("StatusCode", "abc"));

    Http.Response response = carrier.push(CarrierPush.batch(records), message);

    assertThat(response.status()).isEqualTo(422);
    assertThat(fields(response)).containsExactly("events[3].StatusCode");
    assertNothingKept(item, message, before);
  }

  @Test
  void anEmsPushThatBreaksTheContractIsA422AndNothingIsStored() {
    String transaction = "ems-" + UUID.randomUUID();
    JsonObject body = new JsonObject().put("TrackingCode", stranger()).put("StatusCode", "7")
        .put("CreatedAt", "0001-01-01 00:00:00").put("Signature", "trust me");

    Http.Response response = app.http().send(io.vertx.core.http.HttpMethod.POST,
        "/api/v1/carrier/events", app.carrierKey(), body.toBuffer(),
        Map.of("Content-Type", "application/json", "ems-transaction", transaction));

    assertThat(response.status()).isEqualTo(422);
    assertThat(fields(response)).containsExactlyInAnyOrder("CreatedAt", "Signature");
    assertThat(db.count("SELECT count(*) FROM event_inbox WHERE message_id = $1", "ems:" + transaction))
        .isZero();
  }

  @Test
  void aRecordWithThousandsOfUnknownFieldsGetsABoundedAnswer() {
    JsonObject record = CarrierPush.record(stranger(), 6, t0);
    for (int i = 0; i < 5_000; i++) {
      record.put("f" + i, i);
    }

    Http.Response response = carrier.push(record);

    assertThat(response.status()).isEqualTo(422);
    assertThat(fields(response)).hasSize(100);
  }

  @Test
  void aPolledRecordThatBreaksTheContractIsParkedForAnAdminWhileTheOthersApply() {
    try (TestApp polled = TestApp.startFresh(Map.of("DP_POLL_MS", "100", "DP_SIMULATOR_PUSH", "false"))) {
      Desk desk = new Desk(polled, polled.newOffice());
      CarrierSim sim = new CarrierSim(polled);
      Db pdb = new Db(polled.services().pool());
      String id = desk.booked("DELIVERY").getString("id");
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
      String item = desk.order(id).json().getString("itemCode");
      OffsetDateTime at = OffsetDateTime.now().minusMinutes(2);

      sim.publish(item, CarrierPush.record(item, 6, at));
      sim.publish(item, CarrierPush.record(item, 7, at.plusSeconds(1)).put("StatusCode", "abc")
          .put("StatusMessage", "bad one"));
      sim.publish(item, CarrierPush.record(item, 7, at.plusSeconds(2)));

      Eventually.within(Duration.ofSeconds(15), () ->
          assertThat(desk.order(id).json().getString("status")).isEqualTo("IN_TRANSIT"));
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(pdb.count(
          "SELECT count(*) FROM carrier_rejected_records WHERE record LIKE $1", "%" + item + "%"))
          .isEqualTo(1));
      assertThat(pdb.count("SELECT count(*) FROM order_events WHERE item_code = $1 AND raw_text = 'bad one'",
          item)).isZero();
      Http.Response listed = polled.http().get("/api/v1/admin/carrier/rejected?limit=10", polled.adminKey());
      assertThat(listed.status()).isEqualTo(200);
      JsonObject parked = listed.json().getJsonArray("items").getJsonObject(0);
      assertThat(parked.getString("record")).contains(item).contains("bad one");
      assertThat(parked.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("StatusCode");
      String cursor = pdb.one("SELECT last_id FROM carrier_cursors WHERE carrier = 'VNPOST'").getString(0);
      assertThat(cursor).as("the cursor moved past the parked record")
          .isGreaterThan(parked.getString("recordId"));
    }
  }

  @Test
  void theRejectedListIsForAdminsAndRefusesBadParameters() {
    Http.Response asDesk = app.http().get("/api/v1/admin/carrier/rejected",
        new Desk(app, app.newOffice()).key());
    Http.Response badLimit = app.http().get("/api/v1/admin/carrier/rejected?limit=0&before=x&foo=1",
        app.adminKey());
    Http.Response ok = app.http().get("/api/v1/admin/carrier/rejected", app.adminKey());

    assertThat(asDesk.status()).isEqualTo(403);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(fields(badLimit)).containsExactlyInAnyOrder("limit", "before", "foo");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().getJsonArray("items")).isNotNull();
  }

  private record Counts(long events, long inbox, long taken) {
  }

  private Counts counts(String item, String message) {
    return new Counts(db.count("SELECT count(*) FROM order_events WHERE item_code = $1", item),
        db.count("SELECT count(*) FROM event_inbox WHERE message_id = $1", "sw:" + message),
        db.count("SELECT count(*) FROM webhook_messages WHERE id = $1", "sw:" + message));
  }

  /**
   * Nothing of the refused message was kept, not even later: a good message pushed after it is
   * ingested first (the inbox is worked in order of arrival).
   */
  private void assertNothingKept(String item, String message, Counts before) {
    assertThat(carrier.push(CarrierPush.record(stranger(), 6, t0)).status()).isEqualTo(200);
    assertThat(counts(item, message)).isEqualTo(before).isEqualTo(new Counts(0, 0, 0));
  }

  private static List<String> fields(Http.Response response) {
    return response.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private static String stranger() {
    return vn.dossierpost.s10.S10.of("EZ", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(),
        90_000_000L), "VN");
  }
}

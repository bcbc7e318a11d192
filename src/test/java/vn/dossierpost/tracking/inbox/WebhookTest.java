package vn.dossierpost.tracking.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The carrier's push: verified before it is read, stored once, whatever order it comes in. */
class WebhookTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final CarrierPush carrier = new CarrierPush(app);
  private final Db db = new Db(app.services().pool());
  // Carrier records may be dated at most ten minutes ahead: the tests' stories fit in that.
  private final OffsetDateTime t0 = OffsetDateTime.now().plusSeconds(1);

  @Test
  void aSignedEventIsStoredDurablyAndMovesTheOrder() {
    JsonObject order = booked();

    Http.Response response = carrier.push(CarrierPush.record(order.getString("itemCode"), 6, t0));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json()).isEqualTo(new JsonObject().put("received", 1).put("accepted", 1)
        .put("duplicateMessage", false));
    assertThat(count(order)).isEqualTo(2);
    assertThat(status(order)).isEqualTo("COLLECTED");
    JsonObject event = last(order);
    assertThat(event.getString("source")).isEqualTo("WEBHOOK");
    assertThat(event.getString("rawCode")).isEqualTo("6");
    assertThat(event.getJsonObject("location").getString("name")).isEqualTo("Bưu cục trung tâm Hà Nội");
  }

  @Test
  void aBatchThatArrivesOutOfOrderEndsInTheStatusOfItsLastEvent() {
    JsonObject order = booked();
    String item = order.getString("itemCode");

    carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 14, t0.plusMinutes(4)),
        CarrierPush.record(item, 6, t0), CarrierPush.record(item, 12, t0.plusMinutes(3)),
        CarrierPush.record(item, 7, t0.plusMinutes(1)))));

    assertThat(status(order)).isEqualTo("DELIVERED");
    assertThat(desk.events(order.getString("id")).json().getJsonArray("items").stream()
        .map(e -> ((JsonObject) e).getString("code")).toList())
        .containsExactly("BOOKING_CONFIRMED", "COLLECTED", "ARRIVED_FACILITY", "OUT_FOR_DELIVERY", "DELIVERED");
  }

  @Test
  void theSameMessageTwiceIsTakenOnceAndTheSameEventTwiceIsStoredOnce() {
    JsonObject order = booked();
    JsonObject record = CarrierPush.record(order.getString("itemCode"), 6, t0);

    Http.Response first = carrier.push(record, "msg_fixed_" + order.getString("id"));
    Http.Response again = carrier.push(record, "msg_fixed_" + order.getString("id"));
    Http.Response resent = carrier.push(record.copy().put("_id", "00000000000000000000ffff"));

    assertThat(first.json().getInteger("accepted")).isEqualTo(1);
    assertThat(again.json().getBoolean("duplicateMessage")).isTrue();
    assertThat(again.json().getInteger("accepted")).isZero();
    assertThat(resent.json().getInteger("accepted")).as("a new message, its event a duplicate").isEqualTo(1);
    // The pushed event once (whatever else the order's history holds: its booking).
    assertThat(db.count("SELECT count(*) FROM order_events WHERE order_id = $1::uuid AND source = 'WEBHOOK'",
        order.getString("id"))).as(timeline(order)).isEqualTo(1);
  }

  @Test
  void withinOneBatchTheLaterCopyOfAnEventIsTheDuplicate() {
    JsonObject order = booked();
    String item = order.getString("itemCode");
    JsonObject collected = CarrierPush.record(item, 6, t0);
    carrier.push(collected);

    Http.Response response = carrier.push(CarrierPush.batch(List.of(
        CarrierPush.record(item, 7, t0.plusMinutes(1)), collected.copy(),
        CarrierPush.record(item, 7, t0.plusMinutes(1)), CarrierPush.record(item, 12, t0.plusMinutes(2)))));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().getInteger("received")).isEqualTo(4);
    assertThat(count(order)).as("two of the four were duplicates").isEqualTo(4);
    assertThat(status(order)).isEqualTo("OUT_FOR_DELIVERY");
  }

  @Test
  void aForgedStaleOrUnsignedPushIsRefusedBeforeItIsReadAndStoresNothing() {
    JsonObject order = booked();
    JsonObject record = CarrierPush.record(order.getString("itemCode"), 6, t0);
    long now = System.currentTimeMillis() / 1000;

    Http.Response forged = carrier.push(record, "msg_a", now, "whsec_" + java.util.Base64.getEncoder()
        .encodeToString("not the carrier's secret at all!".getBytes()));
    Http.Response stale = carrier.push(record, "msg_b", now - 600, app.webhookSecret());
    Http.Response unsigned = carrier.raw(record.toBuffer(), Map.of("Content-Type", "application/json"));
    Http.Response garbage = carrier.raw(Buffer.buffer("{not json"), Map.of("Content-Type", "application/json",
        "webhook-id", "msg_c", "webhook-timestamp", Long.toString(now), "webhook-signature", "v1,AAAA"));

    for (Http.Response r : List.of(forged, stale, unsigned, garbage)) {
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(count(order)).isEqualTo(1);
  }

  @Test
  void anUnreadableRecordIsA422NamingItAndNothingOfTheBatchIsStored() {
    JsonObject order = booked();
    String item = order.getString("itemCode");

    Http.Response response = carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 6, t0),
        CarrierPush.record(item, 7, t0).put("StatusDate", "yesterday"),
        CarrierPush.record("NOT-AN-ITEM", 7, t0))));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .contains("events[1].StatusDate", "events[2].ItemCode");
    assertThat(count(order)).isEqualTo(1);
  }

  @Test
  void aCarrierClockBehindOursCannotSendACollectedItemBackToBooked() {
    JsonObject order = booked();

    carrier.push(CarrierPush.record(order.getString("itemCode"), 6, OffsetDateTime.now().minusHours(2)));

    assertThat(status(order)).isEqualTo("COLLECTED");
  }

  @Test
  void anUnmappedCodeIsKeptAndFlaggedButChangesNothing() {
    JsonObject order = booked();

    carrier.push(CarrierPush.record(order.getString("itemCode"), 20, t0));

    assertThat(status(order)).isEqualTo("BOOKED");
    JsonObject event = last(order);
    assertThat(event.getString("code")).isNull();
    assertThat(event.getJsonArray("flags")).contains("UNMAPPED");
  }

  @Test
  void anEventAfterAFinalStatusIsKeptAndFlaggedAsAnAnomaly() {
    JsonObject order = booked();
    String item = order.getString("itemCode");
    carrier.push(CarrierPush.record(item, 14, t0));

    carrier.push(CarrierPush.record(item, 15, t0.plusMinutes(1)));

    assertThat(status(order)).isEqualTo("DELIVERED");
    assertThat(last(order).getJsonArray("flags")).contains("AFTER_FINAL");
  }

  @Test
  void newsOlderThanAnOrdersLatestEventTakesItsPlaceInTheWholeHistory() {
    JsonObject order = booked();
    String item = order.getString("itemCode");
    OffsetDateTime t0 = this.t0.minusHours(6);
    carrier.push(CarrierPush.record(item, 6, t0));
    carrier.push(CarrierPush.record(item, 14, t0.plusHours(3)));

    // Late news of steps before the delivery, one of them at the very instant of it: both belong
    // before the final status (an instant's steps go in lifecycle order), not after it.
    carrier.push(CarrierPush.record(item, 7, t0.plusHours(1)));
    carrier.push(CarrierPush.record(item, 12, t0.plusHours(3)));
    // News after the delivery comes after the final status.
    carrier.push(CarrierPush.record(item, 12, t0.plusHours(5)));

    assertThat(status(order)).isEqualTo("DELIVERED");
    Map<java.time.Instant, List<String>> flagsByTime = new java.util.TreeMap<>();
    desk.events(order.getString("id")).json().getJsonArray("items").forEach(e -> {
      JsonObject event = (JsonObject) e;
      if ("WEBHOOK".equals(event.getString("source"))) {
        flagsByTime.merge(OffsetDateTime.parse(event.getString("occurredAt")).toInstant(),
            event.getJsonArray("flags").stream().map(f -> event.getString("code") + ":" + f).toList(),
            (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
      }
    });
    assertThat(flagsByTime).hasSize(4);
    flagsByTime.forEach((at, flags) -> assertThat(flags.stream().anyMatch(f -> f.endsWith(":AFTER_FINAL")))
        .as(at + " " + flags).isEqualTo(at.isAfter(t0.plusHours(4).toInstant())));
    assertThat(db.one("SELECT history_end > $2::timestamptz FROM orders WHERE id = $1::uuid",
        order.getString("id"), t0.plusHours(4)).getBoolean(0)).isTrue();
  }

  @Test
  void anEventDatedMoreThanTenMinutesAheadIsRefusedAndNothingIsKept() {
    JsonObject order = booked();

    Http.Response response = carrier.push(CarrierPush.record(order.getString("itemCode"), 7,
        OffsetDateTime.now().plusDays(2)));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("StatusDate");
    assertThat(count(order)).isEqualTo(1);
  }

  @Test
  void anEventForAnItemNobodyBookedIsParked() {
    String stranger = vn.dossierpost.s10.S10.of("EZ", (long) (Math.random() * 90_000_000), "VN");

    Http.Response response = carrier.push(CarrierPush.record(stranger, 6, t0));

    assertThat(response.status()).isEqualTo(200);
    assertThat(db.count("SELECT count(*) FROM order_events WHERE item_code = $1 AND order_id IS NULL "
        + "AND 'PARKED' = ANY(flags)", stranger)).isEqualTo(1);
  }

  @Test
  void anEmsStylePushNeedsACarrierKeyAndIsAnsweredInItsOwnFormat() {
    JsonObject order = booked();
    JsonObject body = new JsonObject().put("TrackingCode", order.getString("itemCode"))
        .put("StatusCode", "7").put("StatusName", "Đã nhận tại bưu cục")
        .put("Location", "Bưu cục trung tâm Khánh Hòa").put("CreatedAt", "2025-11-24 09:30:00");
    String tx = "ems-" + order.getString("id");
    Map<String, String> headers = Map.of("Content-Type", "application/json", "ems-transaction", tx);

    Http.Response anonymous = carrier.raw(body.toBuffer(), headers);
    Http.Response asDesk = app.http().send(io.vertx.core.http.HttpMethod.POST, "/api/v1/carrier/events",
        desk.key(), body.toBuffer(), headers);
    String key = app.carrierKey();
    Http.Response ok = app.http().send(io.vertx.core.http.HttpMethod.POST, "/api/v1/carrier/events",
        key, body.toBuffer(), headers);
    Http.Response again = app.http().send(io.vertx.core.http.HttpMethod.POST, "/api/v1/carrier/events",
        key, body.toBuffer(), headers);
    carrier.awaitIngested("ems:" + tx);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(asDesk.status()).isEqualTo(403);
    assertThat(ok.json()).isEqualTo(new JsonObject().put("code", "success").put("transaction", tx));
    assertThat(again.status()).isEqualTo(200);
    assertThat(status(order)).isEqualTo("IN_TRANSIT");
    assertThat(count(order)).isEqualTo(2);
    assertThat(desk.events(order.getString("id")).json().encode()).contains("2025-11-24T09:30+07:00");
  }

  private JsonObject booked() {
    String id = desk.booked("DELIVERY").getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private String status(JsonObject order) {
    return desk.order(order.getString("id")).json().getString("status");
  }

  /** Every stored event of the order, for a failure message. */
  private String timeline(JsonObject order) {
    StringBuilder out = new StringBuilder();
    TestApp.await(app.services().pool().preparedQuery("SELECT code, source, raw_code, occurred_at, dedup_key,"
        + " flags, received_at FROM order_events WHERE order_id = $1::uuid ORDER BY id")
        .execute(io.vertx.sqlclient.Tuple.of(order.getString("id"))))
        .forEach(row -> out.append(row.toJson().encode()).append('\n'));
    return out.toString();
  }

  private long count(JsonObject order) {
    return db.count("SELECT count(*) FROM order_events WHERE order_id = $1::uuid", order.getString("id"));
  }

  private JsonObject last(JsonObject order) {
    JsonArray events = desk.events(order.getString("id")).json().getJsonArray("items");
    JsonObject newest = null;
    for (Object e : events) {
      JsonObject event = (JsonObject) e;
      if (newest == null || event.getLong("id") > newest.getLong("id")) {
        newest = event;
      }
    }
    return newest;
  }
}

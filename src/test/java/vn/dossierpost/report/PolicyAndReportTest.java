package vn.dossierpost.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.access.Policy;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.geo.Address;
import vn.dossierpost.order.Citizen;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** Office policies, the SLA watchdog's flags, and the daily reconciliation report. */
class PolicyAndReportTest {

  /** A Monday. */
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2025-11-24T10:00:00+07:00");
  private static final WorkingCalendar CAL = WorkingCalendar.shipped();

  @Test
  void anOrderPastItsRouteTargetIsLateAndOneWithoutNewsIsStuck() {
    // Booked Wednesday 19/11: inner city 2 working days, due Friday 21/11.
    Order sameProvince = order(OrderStatus.IN_TRANSIT, "01", NOW.minusDays(5), NOW.minusHours(2), List.of());
    // Booked Saturday 22/11 (50 hours ago): suburban 3 working days, due Wednesday 26/11.
    Order otherProvince = order(OrderStatus.IN_TRANSIT, "79", NOW.minusHours(50), NOW.minusHours(30), List.of());

    assertThat(SlaWatchdog.flags(sameProvince, Policy.DEFAULT, CAL, "01", 0, NOW)).containsExactly("LATE");
    assertThat(SlaWatchdog.flags(otherProvince, Policy.DEFAULT, CAL, "01", 0, NOW)).containsExactly("STUCK");
  }

  @Test
  void theTargetCountsWorkingDaysNotClockHours() {
    // Booked Friday 21/11 at 09:00: 73 clock hours ago (past the old 48-hour target), but inner
    // city is due on Tuesday 25/11, the 2nd working day after: not late on Monday, nor Tuesday.
    Order booked = order(OrderStatus.IN_TRANSIT, "01", NOW.minusHours(73), NOW.minusHours(1), List.of());
    assertThat(SlaWatchdog.flags(booked, Policy.DEFAULT, CAL, "01", 0, NOW)).doesNotContain("LATE");
    assertThat(SlaWatchdog.flags(booked, Policy.DEFAULT, CAL, "01", 0, NOW.plusDays(1).withHour(23)))
        .doesNotContain("LATE");
    assertThat(SlaWatchdog.flags(booked, Policy.DEFAULT, CAL, "01", 0, NOW.plusDays(2).withHour(0)))
        .contains("LATE");
    // Booked Friday 13/2/2026, before Tết Bính Ngọ (14/2–22/2): due Tuesday 24/2, not late on 23/2.
    OffsetDateTime beforeTet = OffsetDateTime.parse("2026-02-13T15:00:00+07:00");
    Order acrossTet = order(OrderStatus.IN_TRANSIT, "01", beforeTet, beforeTet, List.of());
    assertThat(SlaWatchdog.flags(acrossTet, Policy.DEFAULT, CAL, "01", 0,
        OffsetDateTime.parse("2026-02-24T16:00:00+07:00"))).doesNotContain("LATE");
    assertThat(SlaWatchdog.flags(acrossTet, Policy.DEFAULT, CAL, "01", 0,
        OffsetDateTime.parse("2026-02-25T08:00:00+07:00"))).contains("LATE");
    // Booked 23:30 UTC on Thursday = Friday 06:30 in Vietnam: counted from Friday.
    Order lateEvening = order(OrderStatus.IN_TRANSIT, "01", OffsetDateTime.parse("2025-11-20T23:30:00Z"),
        NOW.minusHours(1), List.of());
    assertThat(SlaWatchdog.flags(lateEvening, Policy.DEFAULT, CAL, "01", 0,
        OffsetDateTime.parse("2025-11-25T20:00:00+07:00"))).doesNotContain("LATE");
  }

  @Test
  void pastTheCalendarsYearsTheLateFlagIsKeptAsItWas() {
    OffsetDateTime end = OffsetDateTime.parse("2030-12-27T10:00:00+07:00");
    Order flagged = order(OrderStatus.IN_TRANSIT, "79", end, end, List.of("LATE"));
    Order clean = order(OrderStatus.IN_TRANSIT, "79", end, end, List.of());
    Policy slow = Policy.of(new JsonObject().put("targetWorkingDays", new JsonObject().put("SUBURBAN", 10)));

    assertThat(SlaWatchdog.flags(flagged, slow, CAL, "01", 0, end.plusHours(1))).contains("LATE");
    assertThat(SlaWatchdog.flags(clean, slow, CAL, "01", 0, end.plusHours(1))).doesNotContain("LATE");
  }

  @Test
  void storedPoliciesInClockHoursAreReadAsWorkingDays() {
    Policy old = Policy.of(new JsonObject().put("targetHours",
        new JsonObject().put("INNER_CITY", 24).put("SUBURBAN", 49).put("ISLAND", 120)));
    assertThat(old.targetWorkingDays(Policy.RouteType.INNER_CITY)).isEqualTo(1);
    assertThat(old.targetWorkingDays(Policy.RouteType.SUBURBAN)).isEqualTo(3);
    assertThat(old.targetWorkingDays(Policy.RouteType.ISLAND)).isEqualTo(5);
    assertThat(Policy.DEFAULT.targetWorkingDays(Policy.RouteType.INNER_CITY)).isEqualTo(2);
    assertThat(Policy.DEFAULT.targetWorkingDays(Policy.RouteType.SUBURBAN)).isEqualTo(3);
    assertThat(old.toJson().containsKey("targetHours")).isFalse();
    assertThat(old.toJson().getJsonObject("targetWorkingDays").getInteger("SUBURBAN")).isEqualTo(3);
  }

  @Test
  void tooManyFailedAttemptsAndAnExpiredHoldAreFlaggedAndFollowUpIsKept() {
    Order outAgain = order(OrderStatus.OUT_FOR_DELIVERY, "01", NOW.minusHours(10), NOW.minusHours(1),
        List.of("FOLLOW_UP"));
    Order held = new Order(UUID.randomUUID(), "x", "d", "1.001234", Leg.DELIVERY, OrderStatus.AWAITING_PICKUP,
        "n", "EB100000003VN", citizen("01"), "c", 0, true, null, NOW.minusDays(9), NOW, NOW.minusDays(6),
        NOW.minusHours(10), 1, 0, List.of(), NOW.minusHours(1));

    assertThat(SlaWatchdog.flags(outAgain, Policy.DEFAULT, CAL, "01", 2, NOW))
        .containsExactlyInAnyOrder("FOLLOW_UP", "ATTEMPTS_EXCEEDED");
    assertThat(SlaWatchdog.flags(held, Policy.DEFAULT, CAL, "01", 2, NOW)).contains("HOLD_EXPIRED");
    assertThat(SlaWatchdog.flags(held, Policy.of(new JsonObject().put("holdingDays", 10)), CAL, "01", 2, NOW))
        .doesNotContain("HOLD_EXPIRED");
  }

  @Test
  void islandCommunesGetTheirOwnTarget() {
    Policy policy = Policy.of(new JsonObject().put("islandCommunes", new JsonArray().add("00070")));
    Order order = order(OrderStatus.IN_TRANSIT, "01", NOW.minusHours(100), NOW.minusHours(1), List.of());

    assertThat(policy.route(order.citizen().address(), "01")).isEqualTo(Policy.RouteType.ISLAND);
    assertThat(SlaWatchdog.flags(order, policy, CAL, "01", 0, NOW)).doesNotContain("LATE");
  }

  @Test
  void anAdminSetsAnOfficesPolicyAndBadValuesAreRefused() {
    TestApp app = TestApp.shared();
    String office = app.newOffice().office();

    Http.Response ok = app.http().send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/admin/offices/" + office + "/policy",
        app.adminKey(), new JsonObject().put("maxAttempts", 3).put("targetWorkingDays",
            new JsonObject().put("SUBURBAN", 4)).toBuffer(), java.util.Map.of("Content-Type", "application/json"));
    Http.Response inHours = app.http().send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/admin/offices/" + office + "/policy",
        app.adminKey(), new JsonObject().put("targetHours", new JsonObject().put("ISLAND", 160)).toBuffer(),
        java.util.Map.of("Content-Type", "application/json"));
    Http.Response bad = app.http().send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/admin/offices/" + office + "/policy",
        app.adminKey(), new JsonObject().put("maxAttempts", 0).put("islandCommunes", new JsonArray().add("7"))
            .toBuffer(), java.util.Map.of("Content-Type", "application/json"));

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().getInteger("maxAttempts")).isEqualTo(3);
    assertThat(ok.json().getJsonObject("targetWorkingDays").getInteger("SUBURBAN")).isEqualTo(4);
    assertThat(ok.json().getJsonObject("targetWorkingDays").getInteger("INNER_CITY")).isEqualTo(2);
    assertThat(inHours.status()).isEqualTo(200);
    assertThat(inHours.json().getJsonObject("targetWorkingDays").getInteger("ISLAND")).isEqualTo(7);
    assertThat(inHours.json().containsKey("targetHours")).isFalse();
    assertThat(bad.status()).isEqualTo(422);
    Http.Response unknown = app.http().send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/admin/offices/" + office + "/policy",
        app.adminKey(), new JsonObject().put("islandCommunes", new JsonArray().add("31105").add("00000"))
            .toBuffer(), java.util.Map.of("Content-Type", "application/json"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("islandCommunes[1]");
  }

  @Test
  void theDailyReportReconcilesWhatHappenedTodayAndFeesCollectedAgainstHandedOver() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    Courier courier = new Courier(app, "650000");
    JsonObject pickup = booked(desk, "PICKUP");
    JsonObject delivery = booked(desk, "DELIVERY");
    courier.scans(Courier.pickup(pickup.getString("itemCode"), 50_000));
    app.http().post("/api/v1/orders/" + pickup.getString("id") + "/receive", desk.key(), new JsonObject()
        .put("checklist", Courier.pickup("EB100000003VN", 0).getJsonArray("checklist")).put("sealIntact", true)
        .put("feeHandedOver", new JsonObject().put("amount", 50_000)));
    String item = delivery.getString("itemCode");
    courier.scans(Courier.scan(item, "COLLECTED"));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));
    courier.scans(Courier.scan(item, "DELIVERY_FAILED").put("reason", "RECIPIENT_ABSENT"));
    courier.scans(Courier.delivery(item, 50_000));

    JsonObject report = app.http().get("/api/v1/reports/daily", desk.key()).json();

    assertThat(report.getLong("booked")).isEqualTo(2);
    assertThat(report.getLong("collected")).isEqualTo(2);
    assertThat(report.getLong("delivered")).isEqualTo(2);
    assertThat(report.getLong("failedAttempts")).isEqualTo(1);
    assertThat(report.getJsonObject("fees").getLong("collected")).isEqualTo(100_000L);
    assertThat(report.getJsonObject("fees").getLong("handedOver")).isEqualTo(50_000L);
    assertThat(report.getJsonObject("ordersByStatus").getLong("DELIVERED")).isEqualTo(2);
    assertThat(app.http().get("/api/v1/reports/daily?date=2025-13-01", desk.key()).status()).isEqualTo(400);
  }

  @Test
  void theWatchdogFlagsAnOrderWithoutNewsAndTheDeskSeesItInTheAttentionList() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    Db db = new Db(app.services().pool());
    JsonObject order = withoutNewsFor30Hours(desk, db, "{}");

    TestApp.await(new SlaWatchdog(app.services().pool(), Duration.ofHours(1), ForegroundPressure.none(),
        app.services().calendar()).run());

    JsonArray attention = app.http().get("/api/v1/reports/attention", desk.key()).json().getJsonArray("items");
    assertThat(attention).hasSize(1);
    assertThat(attention.getJsonObject(0).getJsonArray("flags")).contains("STUCK");
    assertThat(app.http().get("/api/v1/reports/daily", desk.key()).json().getLong("stuck")).isEqualTo(1);
  }

  @Test
  void aRoundFlagsAnOrderNotDeliveredWithinItsWorkingDays() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    Db db = new Db(app.services().pool());
    JsonObject order = withoutNewsFor30Hours(desk, db, "{}");
    // Booked 30 days ago: past any route's target in working days, whatever holidays lie between.
    db.exec("UPDATE orders SET booked_at = now() - interval '30 days', last_event_at = now() WHERE id = $1::uuid",
        order.getString("id"));

    TestApp.await(new SlaWatchdog(app.services().pool(), Duration.ofHours(1), ForegroundPressure.none(),
        app.services().calendar()).run());

    assertThat(flags(db, order)).isEqualTo("{LATE}");
  }

  @Test
  void aRoundKeepsADesksFollowUpIsSafeToRepeatAndWaitsItsTurnBehindAnotherRound() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    Db db = new Db(app.services().pool());
    JsonObject order = withoutNewsFor30Hours(desk, db, "{FOLLOW_UP}");
    SlaWatchdog watchdog = new SlaWatchdog(app.services().pool(), Duration.ofHours(1), ForegroundPressure.none(),
        app.services().calendar());

    // Another instance's round under way: this one leaves everything to it.
    io.vertx.sqlclient.SqlConnection other = TestApp.await(app.services().pool().getConnection());
    lock(other, "pg_advisory_lock");
    assertThat(TestApp.await(watchdog.run())).isZero();
    assertThat(flags(db, order)).isEqualTo("{FOLLOW_UP}");
    lock(other, "pg_advisory_unlock");
    TestApp.await(other.close());

    assertThat(TestApp.await(watchdog.run())).isPositive();
    assertThat(flags(db, order)).isEqualTo("{FOLLOW_UP,STUCK}");
    TestApp.await(watchdog.run());
    assertThat(flags(db, order)).isEqualTo("{FOLLOW_UP,STUCK}");
  }

  @Test
  void aRoundCountsTheFailedAttemptsOfAnOrderStillOutForDelivery() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    Db db = new Db(app.services().pool());
    Courier courier = new Courier(app, "650000");
    JsonObject order = booked(desk, "DELIVERY");
    String item = order.getString("itemCode");
    courier.scans(Courier.scan(item, "COLLECTED"));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));
    courier.scans(Courier.scan(item, "DELIVERY_FAILED").put("reason", "RECIPIENT_ABSENT"));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));
    courier.scans(Courier.scan(item, "DELIVERY_FAILED").put("reason", "WRONG_ADDRESS"));
    assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("DELIVERY_FAILED");

    TestApp.await(new SlaWatchdog(app.services().pool(), Duration.ofHours(1), ForegroundPressure.none(),
        app.services().calendar()).run());

    assertThat(flags(db, order)).isEqualTo("{ATTEMPTS_EXCEEDED}");
  }

  @Test
  void aRoundStepsAsideWhileRequestsWaitForACommitSlot() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    Db db = new Db(app.services().pool());
    List<JsonObject> orders = withoutNewsFor30Hours(desk, db, "{}", 2);
    JsonObject hearsNews = orders.get(0);
    JsonObject staysSilent = orders.get(1);
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofSeconds(1));
    SlaWatchdog watchdog = new SlaWatchdog(app.services().pool(), Duration.ofHours(1), pressure,
        app.services().calendar());
    String deployment = TestApp.await(app.app().vertx().deployVerticle(watchdog));
    try {
      pressure.saturated();
      io.vertx.core.Future<Integer> round = watchdog.run();
      // Requests keep waiting until the round is seen holding its lock: it has started.
      Eventually.within(Duration.ofSeconds(10), () -> {
        pressure.saturated();
        assertThat(roundsUnderWay(db)).isEqualTo(1);
      });
      // While they still wait, one order hears from the carrier: a round that had read the
      // orders already would flag it STUCK; one that stepped aside reads them after this.
      pressure.saturated();
      db.exec("UPDATE orders SET last_event_at = now() WHERE id = $1::uuid", hearsNews.getString("id"));
      assertThat(round.isComplete()).isFalse();

      assertThat(TestApp.await(round)).isPositive();
    } finally {
      TestApp.await(app.app().vertx().undeploy(deployment));
    }
    assertThat(flags(db, staysSilent)).as("flagged once requests stopped waiting").isEqualTo("{STUCK}");
    assertThat(flags(db, hearsNews)).as("read after its news came").isEqualTo("{}");
  }

  /** Watchdog rounds holding the one-round-at-a-time lock. */
  private static long roundsUnderWay(Db db) {
    return db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
        + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        + "AND ((classid::bigint << 32) | objid::bigint) = $1", SlaWatchdog.LOCK_KEY);
  }

  /**
   * A booked DELIVERY order set IN_TRANSIT with the given flags and no event for 30 hours, once
   * the carrier's confirmation has been polled.
   */
  private static JsonObject withoutNewsFor30Hours(Desk desk, Db db, String flags) {
    return withoutNewsFor30Hours(desk, db, flags, 1).get(0);
  }

  /** As many such orders, booked together so that one poll brings all their confirmations. */
  private static List<JsonObject> withoutNewsFor30Hours(Desk desk, Db db, String flags, int count) {
    List<String> ids = java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> desk.booked("DELIVERY").getString("id")).toList();
    // The poller brings the carrier's own confirmation of the booking a moment later, and its
    // reconciliation would undo what is set here.
    UUID[] uuids = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
    Eventually.within(Duration.ofSeconds(15), () -> assertThat(db.count("SELECT count(DISTINCT order_id) "
        + "FROM order_events WHERE order_id = ANY($1) AND source = 'POLL'", (Object) uuids)).isEqualTo(count));
    for (String id : ids) {
      db.exec("UPDATE orders SET status = 'IN_TRANSIT', flags = $2::text::text[], "
          + "last_event_at = now() - interval '30 hours' WHERE id = $1::uuid", id, flags);
    }
    return ids.stream().map(id -> desk.order(id).json()).toList();
  }

  private static void lock(io.vertx.sqlclient.SqlConnection conn, String function) {
    TestApp.await(conn.preparedQuery("SELECT " + function + "($1)")
        .execute(io.vertx.sqlclient.Tuple.of(SlaWatchdog.LOCK_KEY)));
  }

  private static String flags(Db db, JsonObject order) {
    return db.one("SELECT flags::text AS f FROM orders WHERE id = $1::uuid", order.getString("id")).getString("f");
  }

  private static JsonObject booked(Desk desk, String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private static Order order(OrderStatus status, String province, OffsetDateTime booked,
      OffsetDateTime lastEvent, List<String> flags) {
    return new Order(UUID.randomUUID(), "x", "d", "1.001234", Leg.DELIVERY, status, "n", "EB100000003VN",
        citizen(province), "c", 0, true, null, booked, booked, booked, booked, 1, 0, flags, lastEvent);
  }

  private static Citizen citizen(String province) {
    return new Citizen("Nguyễn Văn An", "+84912345678", new Address("12 Tràng Tiền", "00070", province, null));
  }
}

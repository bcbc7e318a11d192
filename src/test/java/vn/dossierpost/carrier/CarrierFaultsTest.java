package vn.dossierpost.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.MetricsPage;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * Booking under a hostile carrier: errors, resets, slow answers, a full outage, and two service
 * instances sharing one queue. Every order ends booked or refused, and none is shipped twice.
 */
class CarrierFaultsTest {

  @Test
  void fiveHundredOrdersUnderFaultsAllEndBookedOrRefusedAndNoneIsShippedTwice() {
    try (TestApp app = TestApp.startFresh(Map.of("DP_OUTBOX_BATCH", "250", "DP_DB_POOL_SIZE", "24",
        "DP_CARRIER_TIMEOUT_MS", "8000", "DP_CARRIER_CONNECTIONS", "128"))) {
      CarrierSim carrier = new CarrierSim(app);
      Desk desk = new Desk(app, app.newOffice());
      carrier.faults(new JsonObject().put("errorRate", 0.3).put("resetRate", 0.1).put("latencyMs", 2000));
      Set<String> refusedOnPurpose = new HashSet<>();
      for (int i = 0; i < 500; i++) {
        JsonObject request = Samples.order(Samples.dossierCode(desk.office()), i % 2 == 0 ? "DELIVERY" : "PICKUP");
        if (i % 50 == 0) {
          Samples.unserved(request);
        }
        JsonObject created = desk.books(request).json();
        if (i % 50 == 0) {
          refusedOnPurpose.add(created.getString("id"));
        }
      }
      Db db = new Db(app.services().pool());

      Eventually.within(Duration.ofSeconds(240), () -> assertThat(db.count(
          "SELECT count(*) FROM orders WHERE status IN ('BOOKED', 'BOOKING_FAILED')")).isEqualTo(500));

      JsonObject stats = carrier.stats();
      carrier.noFaults();
      assertThat(stats.getLong("faultErrors") + stats.getLong("faultResets")).isPositive();
      assertThat(stats.getLong("createCalls")).isGreaterThan(500);
      // Creates whose answer the faults lost were sent again: the carrier answered those
      // DUPLICATE_ORDER, and the service looked the shipments up instead of booking them again.
      assertThat(stats.getLong("duplicatesAnswered")).as("creates the carrier answered DUPLICATE_ORDER")
          .isPositive();
      double duplicatesSeen = carrierRequests(app, "createOrder", "409");
      double lookedUp = carrierRequests(app, "getOrder", "200");
      assertThat(duplicatesSeen).as("creates the service saw answered 409").isPositive()
          .isLessThanOrEqualTo(stats.getLong("duplicatesAnswered"));
      assertThat(lookedUp).as("look-ups answered, one at most per duplicate seen").isPositive()
          .isLessThanOrEqualTo(duplicatesSeen);
      assertEachBookedOrderShippedOnce(app, carrier, 490);
      assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'BOOKING_FAILED'")).isEqualTo(10);
      for (String id : refusedOnPurpose) {
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKING_FAILED");
      }
      assertThat(db.count("SELECT count(*) FROM outbox WHERE status = 'DEAD'")).isZero();
    }
  }

  @Test
  void twoServiceInstancesSharingOneDatabaseBookEveryOrderExactlyOnce() {
    try (TestApp first = TestApp.startFresh(Map.of("DP_OUTBOX_BATCH", "64"))) {
      String database = first.app().services().config().database().target().orElseThrow().toString();
      try (TestApp second = TestApp.start(Map.of(
          "DP_DATABASE_URL", urlOf(first), "DP_CARRIER_URL", first.app().carrierUrl(),
          "DP_OUTBOX_BATCH", "64"))) {
        CarrierSim carrier = new CarrierSim(first);
        Desk atFirst = new Desk(first, first.newOffice());
        Desk atSecond = new Desk(second, new TestApp.OfficeKeys(atFirst.office(), atFirst.key()));
        for (int i = 0; i < 500; i++) {
          (i % 2 == 0 ? atFirst : atSecond).booked(i % 3 == 0 ? "PICKUP" : "DELIVERY");
        }
        Db db = new Db(first.services().pool());

        Eventually.within(Duration.ofSeconds(120), () ->
            assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'BOOKED'")).isEqualTo(500));

        assertEachBookedOrderShippedOnce(first, carrier, 500);
        assertThat(carrier.stats().getLong("duplicatesAnswered")).isZero();
        assertThat(carrier.stats().getLong("createCalls")).isEqualTo(500);
        assertThat(database).contains("dp_fresh");
      }
    }
  }

  @Test
  void aFullOutageOpensTheCircuitAndTheBacklogDrainsWhenTheCarrierReturns() {
    try (TestApp app = TestApp.startFresh(Map.of())) {
      CarrierSim carrier = new CarrierSim(app);
      Desk desk = new Desk(app, app.newOffice());
      carrier.faults(new JsonObject().put("outage", true));
      for (int i = 0; i < 60; i++) {
        desk.booked("DELIVERY");
      }
      Db db = new Db(app.services().pool());

      Eventually.within(Duration.ofSeconds(20), () ->
          assertThat(carrierRequests(app, "createOrder", "circuit_open")).isPositive());
      long reachedCarrier = carrier.stats().getLong("faultErrors");
      double refused = carrierRequests(app, "createOrder", "circuit_open");
      // Jobs keep coming back (each waits 5 s while the circuit is open). Once as many calls as
      // there are orders have been refused at home, and the circuit has half-opened (its probe
      // reached the carrier), a circuit that let calls out would have sent the carrier as many.
      Eventually.within(Duration.ofSeconds(30), () -> {
        assertThat(carrierRequests(app, "createOrder", "circuit_open")).isGreaterThanOrEqualTo(refused + 60);
        assertThat(carrier.stats().getLong("faultErrors")).as("a probe reached the carrier")
            .isGreaterThan(reachedCarrier);
      });
      assertThat(carrier.stats().getLong("faultErrors") - reachedCarrier)
          .as("while open, the circuit lets only a probe through every few seconds").isLessThan(10);
      assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'CREATED'")).isEqualTo(60);
      assertThat(db.count("SELECT coalesce(max(attempts), 0) FROM outbox WHERE kind = 'carrier.book'"))
          .as("jobs wait while the circuit is open instead of using up attempts").isLessThanOrEqualTo(3);

      carrier.noFaults();

      Eventually.within(Duration.ofSeconds(60), () ->
          assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'BOOKED'")).isEqualTo(60));
      assertEachBookedOrderShippedOnce(app, carrier, 60);
    }
  }

  /**
   * The carrier holds one shipment per booked order, under its order number and with the item
   * code the order recorded, and no other. (The carrier itself keeps one shipment per order
   * number, so a second booking of an order shows as a shipment under an order number no booked
   * order has.)
   */
  private static void assertEachBookedOrderShippedOnce(TestApp app, CarrierSim carrier, int expected) {
    JsonArray shipments = carrier.shipments();
    Map<String, String> shipped = new HashMap<>();
    for (Object o : shipments) {
      JsonObject shipment = (JsonObject) o;
      shipped.put(shipment.getString("orderNumber"), shipment.getString("itemCode"));
    }
    Map<String, String> booked = new HashMap<>();
    TestApp.await(app.services().pool().query("SELECT order_number, item_code FROM orders WHERE status = 'BOOKED'")
        .execute()).forEach(row -> booked.put(row.getString("order_number"), row.getString("item_code")));

    Set<String> unbooked = new TreeSet<>(shipped.keySet());
    unbooked.removeAll(booked.keySet());
    assertThat(unbooked).as("order numbers the carrier shipped that no booked order has").isEmpty();
    Map<String, String> otherItem = new TreeMap<>();
    booked.forEach((number, item) -> {
      if (!item.equals(shipped.get(number))) {
        otherItem.put(number, item + " here, " + shipped.get(number) + " at the carrier");
      }
    });
    assertThat(otherItem).as("booked orders the carrier shipped under another item code, or not at all")
        .isEmpty();
    assertThat(booked).hasSize(expected);
    assertThat(shipments).hasSize(expected);
    assertThat(new Db(app.services().pool()).count(
        "SELECT count(DISTINCT item_code) FROM orders WHERE item_code IS NOT NULL")).isEqualTo(expected);
  }

  /** Calls the service made to the carrier for {@code operation} that ended in {@code outcome}. */
  private static double carrierRequests(TestApp app, String operation, String outcome) {
    return MetricsPage.sum(app, "carrier_requests_total", "operation=\"" + operation + "\"",
        "outcome=\"" + outcome + "\"");
  }

  private static String urlOf(TestApp app) {
    var t = app.services().config().database().target().orElseThrow();
    return "postgresql://" + t.user() + "@" + t.host() + ":" + t.port() + "/" + t.database();
  }
}

package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The poller: one across all instances, cursor moved with the events, patient while the carrier fails. */
class PollerTest {

  @Test
  void theFeedIsPulledAfterTheStoredCursorWhichMovesWithTheEvents() {
    try (TestApp app = TestApp.startFresh(Map.of("DP_POLL_MS", "100", "DP_SIMULATOR_PUSH", "false"))) {
      Desk desk = new Desk(app, app.newOffice());
      CarrierSim sim = new CarrierSim(app);
      JsonObject order = booked(desk, sim);

      sim.advance(order.getString("itemCode"), 8);

      Eventually.within(Duration.ofSeconds(15), () ->
          assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("DELIVERED"));
      Db db = new Db(app.services().pool());
      String cursor = db.one("SELECT last_id FROM carrier_cursors WHERE carrier = 'VNPOST'").getString(0);
      assertThat(cursor).matches("[0-9a-f]{24}").isNotEqualTo("000000000000000000000000");
      // The first record can be polled before the booking stored the item code: it is parked and
      // given to the order by the sweeper (every 5 s), after the later ones.
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
          "SELECT count(*) FROM order_events WHERE order_id = $1::uuid AND source = 'POLL'",
          order.getString("id"))).isEqualTo(9));
    }
  }

  @Test
  void twoInstancesOnOneDatabaseRunOnePoller() {
    try (TestApp first = TestApp.startFresh(Map.of("DP_POLL_MS", "100"))) {
      var t = first.services().config().database().orElseThrow();
      String url = "postgresql://" + t.user() + "@" + t.host() + ":" + t.port() + "/" + t.database();
      try (TestApp second = TestApp.start(Map.of("DP_DATABASE_URL", url, "DP_POLL_MS", "100",
          "DP_CARRIER_URL", first.app().carrierUrl()))) {
        Db db = new Db(first.services().pool());

        Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND ((classid::bigint << 32) | objid::bigint) = $1", TrackingPoller.LOCK_KEY))
            .isEqualTo(1));
        assertThat(second.services()).isNotNull();
      }
    }
  }

  @Test
  void whileTheCarrierIsDownThePollerBacksOffAndCatchesUpAfter() {
    try (TestApp app = TestApp.startFresh(Map.of("DP_POLL_MS", "100", "DP_SIMULATOR_PUSH", "false"))) {
      Desk desk = new Desk(app, app.newOffice());
      CarrierSim sim = new CarrierSim(app);
      JsonObject order = booked(desk, sim);
      sim.faults(new JsonObject().put("outage", true));
      sim.advance(order.getString("itemCode"), 3);

      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(app.http().get("/metrics", null).text()).contains("tracking_poll_failures_total"));
      long failuresEarly = failures(app);
      sleep(1500);
      assertThat(failures(app) - failuresEarly).as("backing off, not hammering").isLessThan(8);

      sim.noFaults();

      Eventually.within(Duration.ofSeconds(70), () ->
          assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED"));
    }
  }

  private static long failures(TestApp app) {
    for (String line : app.http().get("/metrics", null).text().split("\n")) {
      if (line.startsWith("tracking_poll_failures_total")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** A DELIVERY on the simulator's CLEAN path, so that eight steps end in DELIVERED. */
  private static JsonObject booked(Desk desk, CarrierSim sim) {
    JsonObject request = vn.dossierpost.support.Samples.order(
        vn.dossierpost.support.Samples.dossierCode(desk.office()), "DELIVERY");
    sim.scenario(request.getString("dossierCode") + "-D", "CLEAN");
    Http.Response created = desk.books(request);
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("itemCode")).isNotNull());
    return desk.order(id).json();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

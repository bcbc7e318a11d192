package vn.dossierpost.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.LogCapture;
import vn.dossierpost.support.MetricsPage;
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
  void ofTwoInstancesOnOneDatabaseOnlyOnePollsAndTheOtherTakesOverWhenItStops() {
    // The carrier runs in a service of its own, on a database of its own, so that it outlives
    // the instance that stops.
    try (TestApp carrier = TestApp.startFresh(Map.of("DP_POLL_MS", "600000"))) {
      Map<String, String> settings = Map.of("DP_POLL_MS", "100", "DP_CARRIER_URL", carrier.app().carrierUrl());
      TestApp first = TestApp.startFresh(settings);
      boolean firstRuns = true;
      try {
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(feedRequests(first)).isPositive());
        Map<String, String> sameDatabase = new java.util.HashMap<>(settings);
        sameDatabase.put("DP_DATABASE_URL", urlOf(first));
        try (TestApp second = TestApp.start(sameDatabase)) {
          // The first polls every 100 ms: by its twentieth poll after the second started, a
          // second poller would have polled as often.
          double before = feedRequests(first);
          Eventually.within(Duration.ofSeconds(20), () ->
              assertThat(feedRequests(first)).isGreaterThanOrEqualTo(before + 20));
          assertThat(feedRequests(second)).as("feed requests from the second instance").isZero();

          first.close();
          firstRuns = false;
          Eventually.within(Duration.ofSeconds(10), () ->
              assertThat(feedRequests(second)).as("feed requests from the second instance").isPositive());
        }
      } finally {
        if (firstRuns) {
          first.close();
        }
      }
    }
  }

  @Test
  void whileTheCarrierIsDownThePollerBacksOffAndCatchesUpAfter() {
    try (TestApp app = TestApp.startFresh(Map.of("DP_POLL_MS", "100", "DP_SIMULATOR_PUSH", "false"))) {
      Desk desk = new Desk(app, app.newOffice());
      CarrierSim sim = new CarrierSim(app);
      JsonObject order = booked(desk, sim);
      List<long[]> failures;
      try (LogCapture log = LogCapture.of(TrackingPoller.class)) {
        sim.faults(new JsonObject().put("outage", true));
        sim.advance(order.getString("itemCode"), 3);

        // Three failures of three tries each: the carrier returns before the circuit opens.
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(pollFailures(log)).hasSizeGreaterThanOrEqualTo(3));
        failures = pollFailures(log);
      }
      // Each failure in a row waits between half and all of an interval doubled once more.
      for (int n = 1; n <= 3; n++) {
        long[] failure = failures.get(n - 1);
        long ceiling = 100L << n;
        assertThat(failure[0]).as("failures in a row").isEqualTo(n);
        assertThat(failure[1]).as("ms before the poll after failure %d", n).isBetween(ceiling / 2, ceiling);
      }

      sim.noFaults();

      Eventually.within(Duration.ofSeconds(70), () ->
          assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED"));
    }
  }

  /** Requests this instance sent to the carrier's tracking feed, whatever their outcome. */
  private static double feedRequests(TestApp app) {
    return MetricsPage.sum(app, "carrier_requests_total", "operation=\"getTracking\"");
  }

  private static final Pattern POLL_FAILED = Pattern.compile("event=poll_failed failures=(\\d+) retry_ms=(\\d+) .*");

  /** The poller's failed polls so far: how many in a row, and how long it waits before the next. */
  private static List<long[]> pollFailures(LogCapture log) {
    return log.messages().stream().map(POLL_FAILED::matcher).filter(Matcher::matches)
        .map(m -> new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}).toList();
  }

  private static String urlOf(TestApp app) {
    var t = app.services().config().database().target().orElseThrow();
    return "postgresql://" + t.user() + "@" + t.host() + ":" + t.port() + "/" + t.database();
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
}

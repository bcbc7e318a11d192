package vn.dossierpost.carrier.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dossierpost.carrier.Circuit;
import vn.dossierpost.carrier.PostalCarrier;
import vn.dossierpost.carrier.VnpostHccCarrier;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/** The simulated carrier, driven through the adapter: lifecycles, the feed, faults, restarts. */
class SimulatorTest {

  @Test
  void onAFastClockEveryScenarioPlaysOutInTheFeedWithRealisticRecords() {
    try (TestApp app = TestApp.startFresh(Map.of("DP_SIMULATOR_AUTOPLAY", "true",
        "DP_SIMULATOR_SPEED", "200000"))) {
      CarrierSim sim = new CarrierSim(app);
      Desk desk = new Desk(app, app.newOffice());
      Map<Scenario, String> itemOf = new LinkedHashMap<>();
      for (Scenario scenario : Scenario.values()) {
        String leg = scenario == Scenario.PICKUP_FAILED_THEN_COLLECTED ? "PICKUP" : "DELIVERY";
        JsonObject request = Samples.order(Samples.dossierCode(desk.office()), leg);
        sim.scenario(request.getString("dossierCode") + "-" + leg.charAt(0), scenario.name());
        String id = desk.books(request).json().getString("id");
        Eventually.within(Duration.ofSeconds(10), () ->
            assertThat(desk.order(id).json().getString("itemCode")).isNotNull());
        itemOf.put(scenario, desk.order(id).json().getString("itemCode"));
      }
      VnpostHccCarrier adapter = adapter(app);

      Eventually.within(Duration.ofSeconds(30), () -> {
        Map<String, List<JsonObject>> feed = feedByItem(adapter);
        for (Scenario scenario : Scenario.values()) {
          List<Integer> codes = feed.getOrDefault(itemOf.get(scenario), List.of()).stream()
              .map(r -> r.getInteger("StatusCode")).toList();
          assertThat(codes).as(scenario.name())
              .isEqualTo(Lifecycle.plan(scenario).stream().map(Lifecycle.Step::statusCode).toList());
        }
      });

      Map<String, List<JsonObject>> feed = feedByItem(adapter);
      List<JsonObject> clean = feed.get(itemOf.get(Scenario.CLEAN));
      JsonObject delivered = clean.get(clean.size() - 1);
      assertThat(delivered.getString("ReceiverName")).isEqualTo("Nguyễn Văn An");
      assertThat(delivered.getLong("CODCollected")).isEqualTo(50_000L);
      assertThat(delivered.getString("ReceiptNumber")).startsWith("BL-");
      assertThat(delivered.getString("PostOfficeName")).isEqualTo("Bưu cục trung tâm Hà Nội");
      OffsetDateTime previous = null;
      for (JsonObject record : clean) {
        OffsetDateTime at = OffsetDateTime.parse(record.getString("StatusDate"));
        assertThat(at.getOffset().getId()).isEqualTo("+07:00");
        if (previous != null) {
          assertThat(at).isAfterOrEqualTo(previous);
        }
        previous = at;
      }
      List<JsonObject> pickupFailed = feed.get(itemOf.get(Scenario.PICKUP_FAILED_THEN_COLLECTED));
      assertThat(pickupFailed.get(3).getString("Reason")).isEqualTo("Công dân vắng nhà");
      assertThat(pickupFailed.get(5).getLong("CODCollected")).as("a pickup collects the fee at pickup")
          .isEqualTo(50_000L);
    }
  }

  @Test
  void theFeedIsReadInPagesAfterACursorWithoutGapsOrRepeats() {
    TestApp app = TestApp.shared();
    CarrierSim sim = new CarrierSim(app);
    Desk desk = new Desk(app, app.newOffice());
    String item = bookedItem(desk, sim, Scenario.CLEAN);
    sim.advance(item, 8);
    VnpostHccCarrier adapter = adapter(app);

    List<String> ids = new ArrayList<>();
    String cursor = "000000000000000000000000";
    while (true) {
      PostalCarrier.TrackingPage page = TestApp.await(adapter.track(cursor, 3));
      if (page.records().isEmpty()) {
        break;
      }
      page.records().forEach(r -> ids.add(((JsonObject) r).getString("_id")));
      assertThat(page.lastId()).matches("[0-9a-f]{24}").isGreaterThan(cursor);
      cursor = page.lastId();
    }

    assertThat(ids).doesNotHaveDuplicates().isSorted();
    assertThat(ids.size()).isGreaterThanOrEqualTo(9);
  }

  @Test
  void aLegCanBeCancelledUntilThePostmanHasCollectedIt() {
    TestApp app = TestApp.shared();
    CarrierSim sim = new CarrierSim(app);
    Desk desk = new Desk(app, app.newOffice());
    VnpostHccCarrier adapter = adapter(app);
    JsonObject early = desk.booked("DELIVERY");
    JsonObject late = desk.booked("DELIVERY");
    Eventually.within(Duration.ofSeconds(10), () -> {
      assertThat(desk.order(early.getString("id")).json().getString("itemCode")).isNotNull();
      assertThat(desk.order(late.getString("id")).json().getString("itemCode")).isNotNull();
    });
    sim.advance(desk.order(late.getString("id")).json().getString("itemCode"), 3);

    assertThat(TestApp.await(adapter.cancel(early.getString("orderNumber"))))
        .isEqualTo(PostalCarrier.Cancellation.CANCELLED);
    assertThat(TestApp.await(adapter.cancel(late.getString("orderNumber"))))
        .isEqualTo(PostalCarrier.Cancellation.NOT_CANCELLABLE);
    assertThat(TestApp.await(adapter.cancel("NO-SUCH-ORDER")))
        .isEqualTo(PostalCarrier.Cancellation.UNKNOWN);
  }

  @Test
  void feedFaultsPublishDuplicatesStrangersAndLateRecords() {
    try (TestApp app = TestApp.startFresh(Map.of())) {
      CarrierSim sim = new CarrierSim(app);
      Desk desk = new Desk(app, app.newOffice());
      List<String> items = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        items.add(bookedItem(desk, sim, Scenario.CLEAN));
      }
      sim.faults(new JsonObject().put("duplicateRate", 0.5).put("unknownItemRate", 0.5)
          .put("delayRate", 0.3).put("delayMs", 1500));
      items.forEach(item -> sim.advance(item, 8));
      sim.noFaults();
      VnpostHccCarrier adapter = adapter(app);

      Eventually.within(Duration.ofSeconds(15), () -> {
        List<JsonObject> feed = allRecords(adapter);
        Set<String> known = new HashSet<>(items);
        Set<String> seen = new HashSet<>();
        boolean duplicate = false;
        boolean stranger = false;
        for (JsonObject r : feed) {
          String key = r.getString("ItemCode") + r.getInteger("StatusCode") + r.getString("StatusDate");
          duplicate |= !seen.add(key);
          stranger |= !known.contains(r.getString("ItemCode"));
          assertThat(S10.isValid(r.getString("ItemCode"))).isTrue();
        }
        assertThat(duplicate).as("a record published twice").isTrue();
        assertThat(stranger).as("a record for an item never booked").isTrue();
        for (String item : items) {
          assertThat(feed.stream().filter(r -> item.equals(r.getString("ItemCode")))
              .map(r -> r.getInteger("StatusCode")).distinct().count()).as("steps 1 to 9 of CLEAN")
              .isEqualTo(9);
        }
        boolean outOfOrder = false;
        for (String item : items) {
          OffsetDateTime last = null;
          for (JsonObject r : feed) {
            if (item.equals(r.getString("ItemCode"))) {
              OffsetDateTime at = OffsetDateTime.parse(r.getString("StatusDate"));
              outOfOrder |= last != null && at.isBefore(last);
              last = at;
            }
          }
        }
        assertThat(outOfOrder).as("a late record published after a later one").isTrue();
      });
    }
  }

  @Test
  void itemCodesAreNeverReusedAcrossARestartOfTheCarrier() {
    String database;
    String before;
    try (TestApp first = TestApp.startFresh(Map.of())) {
      database = urlOf(first);
      before = bookedItem(new Desk(first, first.newOffice()));
    }
    try (TestApp second = TestApp.start(Map.of("DP_DATABASE_URL", database))) {
      String after = bookedItem(new Desk(second, second.newOffice()));

      assertThat(Long.parseLong(after.substring(2, 10))).isGreaterThan(Long.parseLong(before.substring(2, 10)));
    }
  }

  private static String bookedItem(Desk desk, CarrierSim sim, Scenario scenario) {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    sim.scenario(request.getString("dossierCode") + "-D", scenario.name());
    String id = desk.books(request).json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("itemCode")).isNotNull());
    return desk.order(id).json().getString("itemCode");
  }

  private static String bookedItem(Desk desk) {
    String id = desk.booked("DELIVERY").getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("itemCode")).isNotNull());
    return desk.order(id).json().getString("itemCode");
  }

  private static VnpostHccCarrier adapter(TestApp app) {
    return new VnpostHccCarrier(app.app().vertx(), WebClient.create(app.app().vertx()),
        new VnpostHccCarrier.Settings(app.app().carrierUrl(), "HCC-DEMO", "demo-customer-key",
            "demo-customer-secret", Duration.ofSeconds(5), 3, Duration.ofMillis(50)),
        new Circuit(10, Duration.ofSeconds(1)), new SimpleMeterRegistry());
  }

  private static List<JsonObject> allRecords(VnpostHccCarrier adapter) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = "000000000000000000000000";
    while (true) {
      PostalCarrier.TrackingPage page = TestApp.await(adapter.track(cursor, 1000));
      if (page.records().isEmpty()) {
        return all;
      }
      page.records().forEach(r -> all.add((JsonObject) r));
      cursor = page.lastId();
    }
  }

  private static Map<String, List<JsonObject>> feedByItem(VnpostHccCarrier adapter) {
    Map<String, List<JsonObject>> byItem = new LinkedHashMap<>();
    for (JsonObject r : allRecords(adapter)) {
      byItem.computeIfAbsent(r.getString("ItemCode"), k -> new ArrayList<>()).add(r);
    }
    return byItem;
  }

  private static String urlOf(TestApp app) {
    var t = app.services().config().database().target().orElseThrow();
    return "postgresql://" + t.user() + "@" + t.host() + ":" + t.port() + "/" + t.database();
  }
}

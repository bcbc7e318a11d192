package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.carrier.simulator.Scenario;
import vn.dossierpost.support.CallbackReceiver;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * The whole tracking path against the simulated carrier at its worst — records published twice,
 * late and out of order, records for items nobody booked, a one-stop system that sometimes
 * fails — with push and polling both on: every order ends where its scenario says, and the
 * one-stop system hears each order's changes in order, each once.
 */
class EndToEndTrackingTest {

  private static final int ORDERS = 200;

  @Test
  void twoHundredOrdersAcrossAllScenariosEndRightAndAreCalledBackInOrder() {
    try (TestApp app = TestApp.startFresh(Map.of("DP_SIMULATOR_AUTOPLAY", "true",
        "DP_SIMULATOR_SPEED", "150000", "DP_POLL_MS", "200", "DP_CALLBACK_RETRY_BASE_MS", "50",
        "DP_OUTBOX_BATCH", "64"));
         CallbackReceiver receiver = CallbackReceiver.start(app.app().vertx())) {
      TestApp.OfficeKeys office = app.newOfficeWithCallback(receiver.url());
      receiver.secret(office.callbackSecret());
      receiver.script(n -> n % 9 == 0 ? 503 : 200);
      Desk desk = new Desk(app, office);
      CarrierSim sim = new CarrierSim(app);
      sim.pushTo(app.baseUrl() + "/api/v1/carrier/events", app.webhookSecret());
      sim.faults(new JsonObject().put("duplicateRate", 0.2).put("delayRate", 0.25).put("delayMs", 1500)
          .put("unknownItemRate", 0.1));

      Map<String, String> expected = new LinkedHashMap<>();
      Scenario[] scenarios = Scenario.values();
      for (int i = 0; i < ORDERS; i++) {
        Scenario scenario = scenarios[i % scenarios.length];
        String leg = scenario == Scenario.PICKUP_FAILED_THEN_COLLECTED || i % 2 == 0 ? "PICKUP" : "DELIVERY";
        JsonObject request = Samples.order(Samples.dossierCode(desk.office()), leg);
        sim.scenario(request.getString("dossierCode") + "-" + leg.charAt(0), scenario.name());
        String id = desk.books(request).json().getString("id");
        expected.put(id, switch (scenario) {
          case TWO_FAILED_THEN_RETURNED -> "RETURNED";
          case LOST -> "LOST";
          default -> "DELIVERED";
        });
      }

      Db db = new Db(app.services().pool());
      Eventually.within(Duration.ofSeconds(150), () -> assertThat(db.count(
          "SELECT count(*) FROM orders WHERE office_code = $1 AND status IN ('DELIVERED', 'RETURNED', 'LOST')",
          desk.office())).isEqualTo(ORDERS));
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertThat(desk.order(e.getKey()).json().getString("status")).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(db.count("SELECT count(*) FROM order_events WHERE order_id IS NULL")).as("strangers parked")
          .isPositive();

      Eventually.within(Duration.ofSeconds(60), () -> {
        Map<String, List<JsonObject>> callbacks = receiver.acceptedByOrder();
        for (Map.Entry<String, String> e : expected.entrySet()) {
          List<JsonObject> changes = callbacks.getOrDefault(e.getKey(), List.of());
          assertThat(changes).as(e.getKey()).isNotEmpty();
          assertThat(changes.get(changes.size() - 1).getString("to")).as(e.getKey()).isEqualTo(e.getValue());
        }
      });
      Map<String, List<JsonObject>> callbacks = receiver.acceptedByOrder();
      for (String id : expected.keySet()) {
        List<JsonObject> changes = callbacks.get(id);
        List<Integer> sequence = new ArrayList<>();
        String previous = "CREATED";
        for (JsonObject change : changes) {
          sequence.add(change.getInteger("sequence"));
          assertThat(change.getString("from")).as(id + " " + changes).isEqualTo(previous);
          previous = change.getString("to");
        }
        for (int i = 0; i < sequence.size(); i++) {
          assertThat(sequence.get(i)).as(id + " sequence").isEqualTo(i + 1);
        }
      }
      assertThat(receiver.all()).allMatch(CallbackReceiver.Received::signatureValid);
      assertThat(receiver.all().stream().filter(r -> r.answered() == 503)).isNotEmpty();
    }
  }
}

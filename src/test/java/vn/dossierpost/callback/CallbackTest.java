package vn.dossierpost.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CallbackReceiver;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The one-stop system hears of every change: signed, in order, retried, and switchable off. */
class CallbackTest {

  private static TestApp app;
  private static CallbackReceiver receiver;

  @BeforeAll
  static void start() {
    app = TestApp.startFresh(Map.of("DP_CALLBACK_RETRY_BASE_MS", "50"));
    receiver = CallbackReceiver.start(app.app().vertx());
  }

  @AfterAll
  static void stop() {
    receiver.close();
    app.close();
  }

  @Test
  void everyStatusChangeIsCalledBackSignedAndInOrder() {
    receiver.script(n -> 200);
    Desk desk = deskWithCallbacks();
    JsonObject order = booked(desk);
    OffsetDateTime t = OffsetDateTime.now();
    new CarrierPush(app).push(CarrierPush.batch(List.of(CarrierPush.record(order.getString("itemCode"), 6, t.plusSeconds(1)),
        CarrierPush.record(order.getString("itemCode"), 12, t.plusSeconds(2)),
        CarrierPush.record(order.getString("itemCode"), 14, t.plusSeconds(3)))));

    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(receiver.acceptedByOrder().get(order.getString("id"))).hasSize(2));
    List<JsonObject> changes = receiver.acceptedByOrder().get(order.getString("id"));
    assertThat(changes.stream().map(c -> c.getString("from") + ">" + c.getString("to")))
        .containsExactly("CREATED>BOOKED", "BOOKED>DELIVERED");
    assertThat(changes.stream().map(c -> c.getInteger("sequence"))).containsExactly(1, 2);
    JsonObject delivered = changes.get(1);
    assertThat(delivered.getString("dossierCode")).isEqualTo(order.getString("dossierCode"));
    assertThat(delivered.getJsonObject("event").getString("code")).isEqualTo("DELIVERED");
    assertThat(delivered.getJsonObject("portal").getString("TrangThaiHoSo")).isEqualTo("10");
    assertThat(receiver.all()).allMatch(CallbackReceiver.Received::signatureValid);
  }

  @Test
  void aFailingReceiverIsRetriedWithTheSameWebhookIdAndTheLogShowsEveryTry() {
    Desk desk = deskWithCallbacks();
    int before = receiver.all().size();
    receiver.script(n -> n <= before + 2 ? 503 : 200);
    JsonObject order = booked(desk);

    Eventually.within(Duration.ofSeconds(15), () ->
        assertThat(receiver.acceptedByOrder().get(order.getString("id"))).hasSize(1));
    List<CallbackReceiver.Received> tries = receiver.all().stream()
        .filter(r -> order.getString("id").equals(r.body().getString("orderId"))).toList();
    assertThat(tries).hasSizeGreaterThanOrEqualTo(3);
    assertThat(tries.stream().map(CallbackReceiver.Received::webhookId).distinct()).hasSize(1);
    Eventually.within(Duration.ofSeconds(5), () -> {
      JsonArray log = app.http().get("/api/v1/callbacks?orderId=" + order.getString("id"), desk.key())
          .json().getJsonArray("items");
      assertThat(log.stream().map(e -> ((JsonObject) e).getInteger("statusCode"))).contains(503, 200);
    });
  }

  @Test
  void aReceiverAnswering410SwitchesCallbacksOffForTheOffice() {
    Desk desk = deskWithCallbacks();
    receiver.script(n -> 410);
    JsonObject order = booked(desk);
    Db db = new Db(app.services().pool());

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
        "SELECT count(*) FROM offices WHERE code = $1 AND callback_disabled_at IS NOT NULL", desk.office()))
        .isEqualTo(1));
    new CarrierPush(app).push(CarrierPush.record(order.getString("itemCode"), 6, OffsetDateTime.now()));
    Eventually.within(Duration.ofSeconds(5), () ->
        assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED"));
    assertThat(db.count("SELECT count(*) FROM outbox WHERE kind = 'callback.send' AND order_id = $1::uuid",
        order.getString("id"))).isEqualTo(1);
    receiver.script(n -> 200);
  }

  @Test
  void aDeliveredCallbackCanBeResentWithItsWebhookId() {
    receiver.script(n -> 200);
    Desk desk = deskWithCallbacks();
    JsonObject order = booked(desk);
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(receiver.acceptedByOrder().get(order.getString("id"))).hasSize(1));
    // The receiver answers before the job's done mark commits: wait for the mark.
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(app.http()
        .get("/api/v1/callbacks?orderId=" + order.getString("id"), desk.key()).json()
        .getJsonArray("items")).isNotEmpty().first()
        .satisfies(item -> assertThat(((JsonObject) item).getString("jobStatus")).isEqualTo("DONE")));
    JsonObject logged = app.http().get("/api/v1/callbacks?orderId=" + order.getString("id"), desk.key())
        .json().getJsonArray("items").getJsonObject(0);

    Http.Response resent = app.http().post("/api/v1/callbacks/" + logged.getLong("jobId") + "/resend",
        desk.key(), null);

    assertThat(resent.status()).isEqualTo(202);
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(receiver.all().stream()
        .filter(r -> logged.getString("webhookId").equals(r.webhookId()))).hasSize(2));
    assertThat(app.http().post("/api/v1/callbacks/" + logged.getLong("jobId") + "/resend",
        new Desk(app, app.newOffice()).key(), null).status()).isEqualTo(404);
  }

  private Desk deskWithCallbacks() {
    TestApp.OfficeKeys office = app.newOfficeWithCallback(receiver.url());
    receiver.secret(office.callbackSecret());
    return new Desk(app, office);
  }

  private JsonObject booked(Desk desk) {
    String id = desk.booked("DELIVERY").getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }
}

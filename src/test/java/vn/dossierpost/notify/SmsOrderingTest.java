package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dossierpost.outbox.ClaimedJob;
import vn.dossierpost.outbox.JobResult;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * An urgent message is never held behind one that waits out quiet hours: the service runs with
 * quiet hours around the present moment, its own outbox worker and console gateway.
 */
class SmsOrderingTest {

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static QuietHours quiet;
  private static TestApp app;

  /**
   * Quiet hours from an hour ago to three hours ahead: the worker holds what is not urgent. On
   * a database of its own, so that no other service's worker runs its jobs, nor it theirs.
   */
  @BeforeAll
  static void startWithQuietHoursNow() {
    LocalTime local = Instant.now().atZone(Progress.VIETNAM).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
    LocalTime from = local.minusHours(1);
    LocalTime until = local.plusHours(3);
    quiet = new QuietHours(from, until);
    app = TestApp.startFresh(Map.of("DP_SMS_QUIET_HOURS", HH_MM.format(from) + "-" + HH_MM.format(until)));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());

  private String booked(String leg) {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), leg).put("notifySms", true);
    String id = desk.books(request).json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return id;
  }

  /** The service's SMS job as it runs once quiet hours are over. */
  private static SmsJob inTheMorning() {
    Instant morning = quiet.endsAfter(Instant.now()).orElseThrow().plusSeconds(60);
    return new SmsJob(app.services().pool(), app.services().offices(),
        new ConsoleSmsGateway(app.app().vertx(), Optional.empty()), app.services().links(), "DICHVUCONG",
        quiet, 1000, 1000, Clock.fixed(morning, ZoneOffset.UTC));
  }

  private static ClaimedJob claimed(Row held) {
    return new ClaimedJob(held.getLong("id"), held.getString("kind"), held.getUUID("order_id"),
        held.getJsonObject("payload"), held.getInteger("attempts"), held.getOffsetDateTime("created_at"));
  }

  private List<Row> held(UUID orderId) {
    List<Row> rows = new java.util.ArrayList<>();
    TestApp.await(app.services().pool().preparedQuery("SELECT id, kind, order_id, payload, attempts, created_at "
        + "FROM outbox WHERE order_id = $1 AND kind = 'sms.send' AND status = 'PENDING' ORDER BY id")
        .execute(io.vertx.sqlclient.Tuple.of(orderId))).forEach(rows::add);
    return rows;
  }

  /** A message's status and reason as recorded. */
  private Row recorded(long outboxId) {
    return db.one("SELECT template, status, reason FROM sms_messages WHERE outbox_id = $1", outboxId);
  }

  /**
   * A delivery collected in quiet hours and then out for delivery: the urgent message has gone,
   * the handover message is held. Answers the order's id.
   */
  private UUID collectedThenOutForDelivery(CarrierPush carrier, String item, OffsetDateTime now, String id) {
    UUID orderId = UUID.fromString(id);
    carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 6, now.minusMinutes(20)))));
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM outbox "
        + "WHERE order_id = $1 AND kind = 'sms.send' AND status = 'PENDING' AND ordering_key = $2",
        orderId, "sms-waiting:" + orderId)).isEqualTo(1));
    carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 12, now.minusMinutes(10)))));
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM sms_messages "
        + "WHERE order_id = $1 AND template = 'delivery.out_for_delivery' AND status = 'SENT'", orderId))
        .isEqualTo(1));
    return orderId;
  }

  @Test
  void outForDeliveryGoesAtOnceWhileTheHandoverMessageWaitsAndTheHeldOneIsThenDropped() {
    String id = booked("DELIVERY");
    UUID orderId = collectedThenOutForDelivery(new CarrierPush(app), desk.order(id).json().getString("itemCode"),
        OffsetDateTime.now(ZoneOffset.UTC), id);
    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1 AND template = 'delivery.handed_over'",
        orderId)).isZero();
    Row held = held(orderId).get(0);

    // Quiet hours over, the held message would now arrive after the urgent one: it is dropped.
    JobResult result = TestApp.await(inTheMorning().handle(claimed(held)));

    assertThat(result).isInstanceOf(JobResult.Done.class);
    Row message = recorded(held.getLong("id"));
    assertThat(message.getString("template")).isEqualTo("delivery.handed_over");
    assertThat(message.getString("status")).isEqualTo("SUPPRESSED");
    assertThat(message.getString("reason")).startsWith("superseded");
  }

  @Test
  void aHandoverMessageDroppedAsSupersededIsNotSentLaterForARescan() {
    CarrierPush carrier = new CarrierPush(app);
    String id = booked("DELIVERY");
    String item = desk.order(id).json().getString("itemCode");
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    UUID orderId = collectedThenOutForDelivery(carrier, item, now, id);
    SmsJob job = inTheMorning();
    TestApp.await(job.handle(claimed(held(orderId).get(0))));

    carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 11, now.minusMinutes(5)))));
    carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 6, now.minusMinutes(2)))));
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(held(orderId)).hasSize(2));
    Row rescan = held(orderId).get(1);
    TestApp.await(job.handle(claimed(rescan)));

    assertThat(desk.order(id).json().getString("status")).isEqualTo("COLLECTED");
    assertThat(recorded(rescan.getLong("id")).getString("status")).isEqualTo("SUPPRESSED");
    assertThat(recorded(rescan.getLong("id")).getString("reason")).isEqualTo("milestone already messaged");
  }

  @Test
  void aMessageHeldOvernightWhileThePhoneWasCorrectedReachesTheNewNumberOnce() {
    String id = booked("PICKUP");
    UUID orderId = UUID.fromString(id);
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(held(orderId)).hasSize(1));
    assertThat(app.http().send(io.vertx.core.http.HttpMethod.PUT, "/api/v1/orders/" + id + "/citizen-phone",
        desk.key(), new JsonObject().put("phone", "0987 654 321").toBuffer(),
        Map.of("Content-Type", "application/json")).status()).isEqualTo(200);
    // The correction's message of the same milestone waits in line behind it.
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM outbox "
        + "WHERE order_id = $1 AND status = 'PENDING' AND ordering_key = $2", orderId, "sms-waiting:" + orderId))
        .isEqualTo(2));
    List<Row> held = held(orderId);

    SmsJob job = inTheMorning();
    TestApp.await(job.handle(claimed(held.get(0))));
    TestApp.await(job.handle(claimed(held.get(1))));

    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1 AND status = 'SENT'", orderId))
        .isEqualTo(1);
    Row sent = db.one("SELECT phone, body FROM sms_messages WHERE order_id = $1 AND status = 'SENT'", orderId);
    assertThat(sent.getString("phone")).isEqualTo("+84987654321");
    assertThat(sent.getString("body")).endsWith(app.services().links().url(orderId, 2));
  }
}

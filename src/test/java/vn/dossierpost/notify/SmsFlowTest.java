package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
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
 * Citizen SMS through the outbox: the right message at each milestone, none for those who
 * opted out, nothing at night unless urgent, caps, stale messages dropped. The job is the
 * service's own, run against the real database and the console gateway.
 */
class SmsFlowTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());

  private static String randomMobile() {
    return "091" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  private JsonObject book(Desk desk, String leg, String phone, boolean notify) {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), leg).put("notifySms", notify);
    request.getJsonObject("citizen").put("phone", phone);
    String id = desk.books(request).json().getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  @Test
  void aBookedPickupTellsTheCitizenWhenTheCourierComesWithAWorkingLink() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = book(desk, "PICKUP", randomMobile(), true);

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
        "SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid AND status = 'SENT'",
        order.getString("id"))).isEqualTo(1));
    var row = db.one("SELECT template, body, gateway FROM sms_messages WHERE order_id = $1::uuid",
        order.getString("id"));
    String body = row.getString("body");

    assertThat(row.getString("template")).isEqualTo("pickup.booked");
    assertThat(row.getString("gateway")).isEqualTo("console");
    assertThat(body).startsWith("Ho so " + order.getString("dossierCode") + ": buu dien se den nhan ho so tu ")
        .doesNotContain("Nguyen").doesNotContain("Trang Tien");
    assertThat(SmsText.septets(body)).isBetween(1, 160);
    String link = body.substring(body.lastIndexOf(' ') + 1);
    assertThat(link).isEqualTo(app.services().links().url(java.util.UUID.fromString(order.getString("id")), 1));
    assertThat(app.http().get(link.substring(link.indexOf("/t/")), null).status()).isEqualTo(200);
  }

  @Test
  void eachMilestoneOfADeliverySendsItsMessageInOrder() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = book(desk, "DELIVERY", randomMobile(), true);
    String item = order.getString("itemCode");
    CarrierPush push = new CarrierPush(app);
    OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3);
    String[][] steps = {{"6", "COLLECTED"}, {"12", "OUT_FOR_DELIVERY"}, {"15", "DELIVERY_FAILED"}};
    for (int i = 0; i < steps.length; i++) {
      JsonObject record = CarrierPush.record(item, Integer.parseInt(steps[i][0]), t.plusMinutes(30L * i));
      if (i == 2) {
        record.put("Reason", "Người nhận vắng nhà");
      }
      push.push(CarrierPush.batch(List.of(record)));
      String expected = steps[i][1];
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo(expected));
    }

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
        "SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid", order.getString("id"))).isEqualTo(3));
    List<String> templates = new java.util.ArrayList<>();
    app.services().pool().preparedQuery("SELECT template FROM sms_messages WHERE order_id = $1 ORDER BY outbox_id")
        .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(order.getString("id"))))
        .toCompletionStage().toCompletableFuture().join().forEach(r -> templates.add(r.getString(0)));

    assertThat(templates).containsExactly("delivery.handed_over", "delivery.out_for_delivery", "delivery.failed");
    assertThat(db.one("SELECT body FROM sms_messages WHERE order_id = $1::uuid AND template = 'delivery.failed'",
        order.getString("id")).getString(0)).contains("(vang nha), phat lai ");
  }

  @Test
  void aCitizenWhoOptedOutGetsNoMessageAtAll() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = book(desk, "DELIVERY", randomMobile(), false);
    new CarrierPush(app).push(CarrierPush.batch(List.of(
        CarrierPush.record(order.getString("itemCode"), 6, OffsetDateTime.now().minusMinutes(5)))));
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("COLLECTED"));

    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1::uuid AND kind = 'sms.send'",
        order.getString("id"))).isZero();
    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid", order.getString("id"))).isZero();
  }

  private SmsJob job(Instant now, int capPerOrder, int capPerPhone) {
    return new SmsJob(app.services().pool(), app.services().offices(), new ConsoleSmsGateway(app.app().vertx(), Optional.empty()),
        app.services().links(), "DICHVUCONG", new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)),
        capPerOrder, capPerPhone, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** Job ids as the outbox gives them: a later job has a greater id. */
  private static final java.util.concurrent.atomic.AtomicLong JOB_IDS =
      new java.util.concurrent.atomic.AtomicLong(ThreadLocalRandom.current().nextLong(1L << 50, 1L << 60));

  private static ClaimedJob claimed(String orderId, String milestone, OffsetDateTime createdAt) {
    return new ClaimedJob(JOB_IDS.incrementAndGet(), SmsRequests.JOB,
        java.util.UUID.fromString(orderId), new JsonObject().put("from", "BOOKED").put("to", milestone)
            .put("sequence", 1), 1, createdAt);
  }

  private static Instant vietnam(String local) {
    return java.time.LocalDateTime.parse(local).atZone(Progress.VIETNAM).toInstant();
  }

  @Test
  void atNightAnOrdinaryMessageWaitsUntilSevenButAnUrgentOneGoesNow() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = book(desk, "DELIVERY", randomMobile(), true);
    Instant night = vietnam("2025-11-24T23:15:00");
    SmsJob job = job(night, 100, 100);
    OffsetDateTime created = night.atOffset(ZoneOffset.UTC);

    JobResult handedOver = TestApp.await(job.handle(claimed(order.getString("id"), "COLLECTED", created)));
    JobResult outForDelivery = TestApp.await(job.handle(claimed(order.getString("id"), "OUT_FOR_DELIVERY", created)));

    assertThat(handedOver).isInstanceOf(JobResult.DeferAside.class);
    assertThat(((JobResult.DeferAside) handedOver).after()).isEqualTo(Duration.ofMinutes(7 * 60 + 45));
    assertThat(outForDelivery).isInstanceOf(JobResult.Done.class);
    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid "
        + "AND template = 'delivery.out_for_delivery' AND status = 'SENT'", order.getString("id"))).isEqualTo(1);
  }

  @Test
  void theCapPerOrderDropsAndTheCapPerPhoneDelays() {
    Desk desk = new Desk(app, app.newOffice());
    String phone = randomMobile();
    JsonObject first = book(desk, "DELIVERY", phone, true);
    JsonObject second = book(desk, "DELIVERY", phone, true);
    Instant noon = vietnam("2025-11-24T12:00:00");
    OffsetDateTime created = noon.atOffset(ZoneOffset.UTC);
    SmsJob job = job(noon, 2, 3);

    assertThat(TestApp.await(job.handle(claimed(first.getString("id"), "COLLECTED", created)))).isInstanceOf(JobResult.Done.class);
    assertThat(TestApp.await(job.handle(claimed(first.getString("id"), "OUT_FOR_DELIVERY", created)))).isInstanceOf(JobResult.Done.class);
    JobResult third = TestApp.await(job.handle(claimed(first.getString("id"), "DELIVERED", created)));
    assertThat(third).isInstanceOf(JobResult.Done.class);
    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid AND status = 'SUPPRESSED' "
        + "AND reason = 'cap per order'", first.getString("id"))).isEqualTo(1);

    // The phone has had two messages this hour (plus the automatic BOOKED ones, which send nothing).
    assertThat(TestApp.await(job.handle(claimed(second.getString("id"), "COLLECTED", created)))).isInstanceOf(JobResult.Done.class);
    JobResult fourth = TestApp.await(job.handle(claimed(second.getString("id"), "OUT_FOR_DELIVERY", created)));
    assertThat(fourth).isInstanceOf(JobResult.Defer.class);
    assertThat(((JobResult.Defer) fourth).reason()).isEqualTo("cap per phone per hour");
  }

  @Test
  void aMessageThatWaitedWhileTheOrderMovedOnIsDroppedAsStale() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = book(desk, "DELIVERY", randomMobile(), true);
    Instant morning = vietnam("2025-11-25T07:00:00");
    SmsJob job = job(morning, 100, 100);

    JobResult result = TestApp.await(job.handle(claimed(order.getString("id"), "COLLECTED",
        morning.minus(Duration.ofHours(8)).atOffset(ZoneOffset.UTC))));

    assertThat(result).isInstanceOf(JobResult.Done.class);
    assertThat(db.one("SELECT status, reason FROM sms_messages WHERE order_id = $1::uuid AND template = 'delivery.handed_over'",
        order.getString("id")).getString(0)).isEqualTo("SUPPRESSED");
  }

  @Test
  void aJobRunTwiceSendsOnce() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = book(desk, "DELIVERY", randomMobile(), true);
    Instant noon = vietnam("2025-11-24T12:00:00");
    SmsJob job = job(noon, 100, 100);
    ClaimedJob claimed = claimed(order.getString("id"), "OUT_FOR_DELIVERY", noon.atOffset(ZoneOffset.UTC));

    TestApp.await(job.handle(claimed));
    TestApp.await(job.handle(claimed));

    assertThat(db.count("SELECT count(*) FROM sms_messages WHERE outbox_id = $1", claimed.id())).isEqualTo(1);
    assertThat(db.one("SELECT status FROM sms_messages WHERE outbox_id = $1", claimed.id()).getString(0)).isEqualTo("SENT");
  }

  @Test
  void receiptsAreVerifiedBeforeTheyAreReadAndRecordedOnTheMessage() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    try (TestApp own = TestApp.start(Map.of("DP_SMS_RECEIPT_SECRET", secret))) {
      Db ownDb = new Db(own.services().pool());
      Desk desk = new Desk(own, own.newOffice());
      JsonObject order = book(desk, "PICKUP", randomMobile(), true);
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(ownDb.count(
          "SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid AND status = 'SENT'", order.getString("id"))).isEqualTo(1));
      long outboxId = ownDb.one("SELECT outbox_id FROM sms_messages WHERE order_id = $1::uuid", order.getString("id")).getLong(0);
      JsonObject receipt = new JsonObject().put("ref", "dp-outbox-" + outboxId).put("status", "DELIVERED")
          .put("at", "2025-11-24T09:30:00+07:00");

      assertThat(signed(own, receipt, "whsec_" + "A".repeat(40)).status()).isEqualTo(401);
      assertThat(ownDb.one("SELECT status FROM sms_messages WHERE outbox_id = $1", outboxId).getString(0)).isEqualTo("SENT");
      var accepted = signed(own, receipt, secret);
      assertThat(accepted.status()).isEqualTo(200);
      assertThat(ownDb.one("SELECT status, receipt_status FROM sms_messages WHERE outbox_id = $1", outboxId).getString(0))
          .isEqualTo("DELIVERED");
      assertThat(signed(own, receipt, secret).status()).as("a repeat").isEqualTo(200);
      // Audited once, as the gateway's, under the request that changed the message.
      var audited = ownDb.one("SELECT role, request_id, before->>'smsStatus' AS before, "
          + "after->>'smsStatus' AS after FROM audit_trail WHERE order_id = $1::uuid AND action = 'sms.receipt'",
          order.getString("id"));
      assertThat(audited.getString("role")).isEqualTo("SMS_GATEWAY");
      assertThat(audited.getString("request_id")).isEqualTo(accepted.header("X-Request-Id"));
      assertThat(audited.getString("before") + "→" + audited.getString("after")).isEqualTo("SENT→DELIVERED");
      assertThat(signed(own, receipt.copy().put("ref", "dp-outbox-999999999999"), secret).status()).isEqualTo(404);
      var bad = signed(own, new JsonObject().put("ref", "x").put("status", "READ").put("extra", 1), secret);
      assertThat(bad.status()).isEqualTo(422);
      assertThat(bad.text()).contains("\"ref\"").contains("\"status\"").contains("\"extra\"");
    }
  }

  @Test
  void withoutAReceiptSecretTheReceiptEndpointDoesNotExist() {
    assertThat(app.http().post("/api/v1/sms/receipts", null, new JsonObject()).status()).isEqualTo(404);
  }

  private static vn.dossierpost.support.Http.Response signed(TestApp app, JsonObject body, String secret) {
    io.vertx.core.buffer.Buffer raw = body.toBuffer();
    String id = "msg_" + java.util.UUID.randomUUID();
    long ts = System.currentTimeMillis() / 1000;
    return app.http().send(io.vertx.core.http.HttpMethod.POST, "/api/v1/sms/receipts", null, raw, Map.of(
        "Content-Type", "application/json", "webhook-id", id, "webhook-timestamp", Long.toString(ts),
        "webhook-signature", vn.dossierpost.http.StandardWebhooks.sign(secret, id, ts, raw.getBytes())));
  }
}

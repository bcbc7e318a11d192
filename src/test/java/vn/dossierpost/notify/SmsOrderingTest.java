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

  @Test
  void outForDeliveryGoesAtOnceWhileTheHandoverMessageWaitsAndTheHeldOneIsThenDropped() {
    LocalTime local = Instant.now().atZone(Progress.VIETNAM).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
    LocalTime from = local.minusHours(1);
    LocalTime until = local.plusHours(3);
    QuietHours quiet = new QuietHours(from, until);
    try (TestApp app = TestApp.start(Map.of("DP_SMS_QUIET_HOURS", HH_MM.format(from) + "-" + HH_MM.format(until)))) {
      Db db = new Db(app.services().pool());
      Desk desk = new Desk(app, app.newOffice());
      CarrierPush carrier = new CarrierPush(app);
      JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY").put("notifySms", true);
      String id = desk.books(request).json().getString("id");
      UUID orderId = UUID.fromString(id);
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
      String item = desk.order(id).json().getString("itemCode");
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

      carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 6, now.minusMinutes(20)))));
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM outbox "
          + "WHERE order_id = $1 AND kind = 'sms.send' AND status = 'PENDING' AND ordering_key = $2",
          orderId, "sms-waiting:" + orderId)).isEqualTo(1));
      carrier.push(CarrierPush.batch(List.of(CarrierPush.record(item, 12, now.minusMinutes(10)))));

      Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM sms_messages "
          + "WHERE order_id = $1 AND template = 'delivery.out_for_delivery' AND status = 'SENT'", orderId))
          .isEqualTo(1));
      assertThat(db.count("SELECT count(*) FROM sms_messages WHERE order_id = $1 AND template = 'delivery.handed_over'",
          orderId)).isZero();
      Row held = db.one("SELECT id, kind, order_id, payload, attempts, created_at FROM outbox "
          + "WHERE order_id = $1 AND kind = 'sms.send' AND status = 'PENDING'", orderId);

      // Quiet hours over, the held message would now arrive after the urgent one: it is dropped.
      Instant morning = quiet.endsAfter(Instant.now()).orElseThrow().plusSeconds(60);
      SmsJob job = new SmsJob(app.services().pool(), app.services().offices(),
          new ConsoleSmsGateway(app.app().vertx(), Optional.empty()), app.services().links(), "DICHVUCONG",
          quiet, 1000, 1000, Clock.fixed(morning, ZoneOffset.UTC));
      JobResult result = TestApp.await(job.handle(new ClaimedJob(held.getLong("id"), held.getString("kind"),
          orderId, held.getJsonObject("payload"), held.getInteger("attempts"), held.getOffsetDateTime("created_at"))));

      assertThat(result).isInstanceOf(JobResult.Done.class);
      Row message = db.one("SELECT template, status, reason FROM sms_messages WHERE outbox_id = $1", held.getLong("id"));
      assertThat(message.getString("template")).isEqualTo("delivery.handed_over");
      assertThat(message.getString("status")).isEqualTo("SUPPRESSED");
      assertThat(message.getString("reason")).startsWith("superseded");
    }
  }
}

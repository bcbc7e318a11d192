package vn.dossierpost.notify;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import vn.dossierpost.access.Offices;
import vn.dossierpost.config.SmsConfig;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.outbox.JobHandler;

/** SMS to citizens (the job, the gateways, delivery receipts) and phone corrections. */
public final class NotifyFeature implements Feature {

  private final Pool pool;
  private final TrackingLinks links;
  private final SmsConfig sms;
  private final SmsJob job;
  private final SmsReceipts receipts;

  public NotifyFeature(Vertx vertx, Pool pool, Offices offices, TrackingLinks links, SmsConfig sms,
      WebClient client) {
    this.pool = pool;
    this.links = links;
    this.sms = sms;
    SmsGateway gateway = "http".equals(sms.gateway())
        ? new HttpSmsGateway(client, sms.httpUrl().orElseThrow(), sms.httpAuthorization(),
            sms.httpBody(), Duration.ofSeconds(10))
        : new ConsoleSmsGateway(vertx, sms.file());
    this.receipts = new SmsReceipts(pool);
    this.job = new SmsJob(pool, offices, gateway, links, sms.brandname(),
        new QuietHours(sms.quietFrom(), sms.quietUntil()), sms.capPerOrder(),
        sms.capPerPhonePerHour(), Clock.systemUTC());
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/orders*", PhoneCorrection.router(m.vertx(), pool, links));
    m.at("/api/v1/sms*", SmsReceiptRoutes.router(m.vertx(), receipts, sms.receiptSecret()));
  }

  @Override
  public Map<String, JobHandler> jobs() {
    return Map.of(SmsRequests.JOB, job);
  }
}

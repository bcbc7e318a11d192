package vn.dossierpost;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dossierpost.access.AccessFeature;
import vn.dossierpost.access.ApiKeys;
import vn.dossierpost.access.Offices;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.callback.CallbackFeature;
import vn.dossierpost.callback.CallbackListener;
import vn.dossierpost.carrier.CarrierFeature;
import vn.dossierpost.carrier.ItemCodes;
import vn.dossierpost.carrier.PostalCarrier;
import vn.dossierpost.citizen.CitizenFeature;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.courier.CourierFeature;
import vn.dossierpost.courier.HandoverFeature;
import vn.dossierpost.dossier.AppointmentDates;
import vn.dossierpost.dossier.DossierFeature;
import vn.dossierpost.dossier.DossierLegs;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.RateLimiter;
import vn.dossierpost.http.Tally;
import vn.dossierpost.label.LabelFeature;
import vn.dossierpost.label.LabelService;
import vn.dossierpost.label.HandoverPrinter;
import vn.dossierpost.label.Labels;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.label.RenderPool;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.notify.LinkExpiry;
import vn.dossierpost.notify.NotifyFeature;
import vn.dossierpost.notify.SmsRequests;
import vn.dossierpost.order.OrderFeature;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.outbox.OutboxRoutes;
import vn.dossierpost.outbox.OutboxWorker;
import vn.dossierpost.procedure.ProcedureFeature;
import vn.dossierpost.procedure.Procedures;
import vn.dossierpost.report.ReportFeature;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.StatusMap;
import vn.dossierpost.tracking.TrackingFeature;
import vn.dossierpost.tracking.TrackingIngest;
import vn.dossierpost.tracking.inbox.GroupCommitter;
import vn.dossierpost.tracking.inbox.InboxBacklog;
import vn.dossierpost.tracking.inbox.InboxFeature;

/**
 * Builds every component of one process in one step, from what start-up prepared (pools, keys,
 * the carrier adapter). Constructs objects only: nothing here connects, listens or deploys.
 */
final class Wiring {

  private Wiring() {
  }

  /** What start-up prepared, with I/O, before the components are built. */
  record Prepared(AppConfig config, Vertx vertx, PrometheusMeterRegistry registry,
      AtomicBoolean draining, Pool pool, SqlClient reads, String schema, TrackingLinks links,
      Labels labels, StatusMap statusMap, PostalCarrier carrier, ItemCodes itemCodes,
      RenderPool renderPool, BooleanSupplier databaseHealthy) {
  }

  /** What the route table needs besides the features. */
  record Http(AppConfig.HttpConfig config, Pool pool, String schema, PrometheusMeterRegistry registry,
      AtomicBoolean draining, AtomicInteger inflight, Tally inflightPerClient,
      Tally connectionsPerAddress, RateLimiter rateLimiter, ApiKeys apiKeys,
      BooleanSupplier databaseHealthy) {
  }

  /**
   * The built service: its shared parts, its features in route order, and the background
   * verticles in deployment order (the outbox worker runs every feature's jobs).
   */
  record Components(Services services, Http http, List<Feature> features,
      List<Deployable> background) {
  }

  static Components wire(Prepared p) {
    AppConfig config = p.config();
    Pool pool = p.pool();
    ApiKeys apiKeys = ApiKeys.create(pool);
    Offices offices = Offices.create(pool);
    Idempotency idempotency = Idempotency.create(pool);
    // One calendar for the process: deadlines (appointment dates, end-to-end targets) count on it.
    WorkingCalendar calendar = WorkingCalendar.load(config.tracking().holidaysFile());
    Outbox outbox = Outbox.create(p.vertx(), pool);
    // A leg booked on its own makes a one-leg dossier; a leg's change moves its dossier.
    DossierLegs dossierLegs = new DossierLegs();
    Reconciler reconciler = Reconciler.create(List.of(new CallbackListener(), new SmsRequests(),
        new LinkExpiry(config.sms().linkTtl()), dossierLegs));
    TrackingIngest ingest = new TrackingIngest(reconciler, Duration.ofMinutes(10));
    CarrierRecords records = new CarrierRecords(p.statusMap());
    AppConfig.TrackingConfig tracking = config.tracking();
    GroupCommitter committer = new GroupCommitter(p.vertx(), pool, tracking.ingestCommits(), 2_000,
        100_000, new ForegroundPressure(Duration.ofMillis(200)),
        new InboxBacklog(tracking.inboxRefuseAfter()), tracking.ingestCommitSpacing(), p.registry());
    OrderService orders = OrderService.create(pool, idempotency, outbox, p.links(), dossierLegs);
    WebClient client = WebClient.create(p.vertx(), new WebClientOptions().setUserAgent("dossier-post"));

    // Route order matters where prefixes are shared: an order's label, import and list, its
    // events, receipt and phone, as before features mounted their own routes.
    ManifestService manifests = new ManifestService(pool, offices, p.labels(), p.renderPool());
    List<Feature> features = List.of(
        new LabelFeature(new LabelService(pool, p.links(), p.labels(), p.renderPool()), manifests),
        new OrderFeature(orders),
        new DossierFeature(pool, idempotency, orders, reconciler, ingest,
            new AppointmentDates(calendar)),
        Feature.routes("/api/v1/orders*", vertx -> Audit.routes(vertx, pool, orders::get)),
        new TrackingFeature(pool, orders, reconciler, outbox),
        new HandoverFeature(pool, ingest, offices, new HandoverPrinter(p.labels(), p.renderPool()),
            calendar),
        new CourierFeature(pool, ingest, manifests, calendar),
        new NotifyFeature(p.vertx(), pool, offices, p.links(), config.sms(), client),
        new CitizenFeature(p.reads(), config.sms().trackingRequestsPerMinute(), p.registry()),
        new InboxFeature(pool, committer, records, ingest, outbox,
            () -> offices.webhookSecrets(config.carrier().name()), apiKeys::authenticate,
            tracking.inboxMaxLag(), p.registry()),
        new CallbackFeature(p.vertx(), pool, outbox, offices, config.outbox().callbackRetryBase(),
            config.outbox().callbackAllowPrivate()),
        new ReportFeature(pool, offices, tracking.slaCheckInterval(), committer.pressure(), calendar),
        new CarrierFeature(pool, offices, p.carrier(), p.itemCodes(), reconciler, records, ingest,
            config.carrier(), p.registry()),
        Feature.routes("/api/v1/admin/outbox*", vertx -> OutboxRoutes.router(vertx, outbox)),
        new ProcedureFeature(Procedures.create(pool)),
        new AccessFeature(offices, apiKeys, config.outbox().callbackAllowPrivate()),
        Feature.routes("/api/v1/geo/*", vn.dossierpost.geo.GeoRoutes::router));

    Map<String, JobHandler> jobs = new HashMap<>();
    List<Deployable> background = new ArrayList<>();
    AppConfig.OutboxConfig queue = config.outbox();
    features.forEach(f -> jobs.putAll(f.jobs()));
    background.add(new OutboxWorker(pool, jobs, queue.batchSize(),
        new OutboxWorker.Yield(committer.pressure(), queue.yieldConcurrency(), queue.maxLag()),
        queue.pollInterval(), queue.lease(), p.registry()));
    background.add(new Housekeeping(pool, outbox, idempotency, committer.pressure(), p.registry()));
    features.forEach(f -> background.addAll(f.background()));

    int perMinute = config.http().rateLimitPerMinute();
    Http http = new Http(config.http(), pool, p.schema(), p.registry(), p.draining(),
        new AtomicInteger(), Tally.create(), Tally.create(),
        RateLimiter.perMinute(perMinute, Math.max(20, perMinute / 10)), apiKeys, p.databaseHealthy());
    Services services = new Services(config, p.vertx(), pool, p.reads(), p.links(), apiKeys,
        offices, idempotency, orders, calendar);
    return new Components(services, http, features, background);
  }
}

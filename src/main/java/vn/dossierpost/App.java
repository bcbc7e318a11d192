package vn.dossierpost;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.access.ApiKeys;
import vn.dossierpost.access.Offices;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import vn.dossierpost.carrier.BookingJobs;
import vn.dossierpost.carrier.Circuit;
import vn.dossierpost.carrier.ItemCodes;
import vn.dossierpost.carrier.PostalCarrier;
import vn.dossierpost.carrier.VnpostHccCarrier;
import vn.dossierpost.carrier.simulator.CarrierSimulator;
import vn.dossierpost.carrier.simulator.SimulatorSettings;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.db.EmbeddedDatabase;
import vn.dossierpost.db.Migrations;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.HttpServerVerticle;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.RateLimiter;
import vn.dossierpost.label.LabelService;
import vn.dossierpost.label.Labels;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.label.RenderPool;
import vn.dossierpost.callback.CallbackJob;
import vn.dossierpost.callback.CallbackListener;
import vn.dossierpost.notify.SmsRequests;
import vn.dossierpost.config.SmsConfig;
import vn.dossierpost.notify.ConsoleSmsGateway;
import vn.dossierpost.notify.HttpSmsGateway;
import vn.dossierpost.notify.LinkExpiry;
import vn.dossierpost.notify.QuietHours;
import vn.dossierpost.notify.SmsGateway;
import vn.dossierpost.notify.SmsJob;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.inbox.EventInbox;
import vn.dossierpost.tracking.inbox.GroupCommitter;
import vn.dossierpost.tracking.inbox.InboxBacklog;
import vn.dossierpost.tracking.ParkedSweeper;
import vn.dossierpost.report.SlaWatchdog;
import vn.dossierpost.tracking.StatusMap;
import vn.dossierpost.tracking.TrackingIngest;
import vn.dossierpost.carrier.TrackingPoller;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.outbox.OutboxWorker;
import vn.dossierpost.tracking.Reconciler;

/**
 * One running service: the database (embedded or external), migrations, the shared pool, and
 * the verticles. {@link Main} runs one; tests run several.
 */
public final class App {

  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final AppConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final List<String> httpDeployments = new ArrayList<>();
  private final List<String> backgroundDeployments = new ArrayList<>();
  private EmbeddedDatabase embedded;
  private RenderPool renderPool;
  private CarrierSimulator simulator;
  private String carrierUrl;
  private Services services;
  private int port;

  private App(AppConfig config, Vertx vertx, PrometheusMeterRegistry registry) {
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
  }

  public static Future<App> start(AppConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true)
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            // one registry per App: Vert.x caches registries by name, JVM-wide
            .setRegistryName("dossier-post-" + java.util.UUID.randomUUID())
            .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE,
                Label.POOL_TYPE, Label.POOL_NAME)));
    Vertx vertx = Vertx.builder().with(options)
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
    App app = new App(config, vertx, registry);
    return app.boot().map(app).recover(err -> app.stop().transform(x -> Future.failedFuture(err)));
  }

  private Future<Void> boot() {
    long started = System.nanoTime();
    return vertx.executeBlocking(this::prepareDatabase)
        .compose(prepared -> {
          target = prepared.target();
          Pool pool = Database.pool(vertx, target, config.database().poolSize());
          port = config.http().port() == 0 ? freePort() : config.http().port();
          return TrackingLinks.create(pool, config.http().publicBaseUrl(port)).map(links -> {
            services = wire(pool, prepared.schema(), links, prepared.labels(), prepared.statusMap());
            return links;
          });
        })
        .compose(links -> startCarrier())
        .compose(this::carrierJobs)
        .compose(this::deployBackground)
        .compose(v -> deployHttp())
        .compose(v -> config.database().seedDemo()
            ? DemoData.seed(services, config, port, carrierUrl).map(this::pushDemoTracking)
            : Future.<Void>succeededFuture())
        .onSuccess(v -> {
          LOG.info("event=ready port={} database={} database_via={} transport={} startup_ms={}",
              port, config.database().embedded() ? "embedded" : "external",
              target.host().startsWith("/") ? "socket" : "tcp",
              vertx.isNativeTransportEnabled() ? "native" : "nio",
              (System.nanoTime() - started) / 1_000_000);
          System.out.println("DP_READY url=" + baseUrl());
          System.out.flush();
        });
  }

  /** {@code target}: where the pools connect. */
  private record Prepared(DatabaseTarget target, String schema, Labels labels, StatusMap statusMap) {
  }

  private DatabaseTarget target;
  private Pool simulatorPool;

  /** Blocking, on a worker thread: start the embedded database if needed and migrate. */
  private Prepared prepareDatabase() throws IOException {
    DatabaseTarget target;
    if (config.database().target().isPresent()) {
      target = config.database().target().get();
    } else {
      embedded = EmbeddedDatabase.start(config.database().dataDir());
      target = embedded.target();
    }
    var result = Migrations.migrate(target);
    if (config.carrier().embedded()) {
      Migrations.migrateSimulator(target);
    }
    // Flyway reports no target version when nothing was left to apply: log the schema's own.
    String schema = Migrations.latestVersion(target);
    LOG.info("event=migrated schema={} applied={}", schema, result.migrationsExecuted);
    Phones.warmUp();
    // The pools reach the embedded server through its socket when the transport allows it.
    DatabaseTarget pools = embedded != null && vertx.isNativeTransportEnabled()
        ? embedded.socketTarget().orElse(target) : target;
    return new Prepared(pools, schema, Labels.load(), StatusMap.vnpost());
  }

  private Services wire(Pool pool, String schema, TrackingLinks links, Labels labels,
      StatusMap statusMap) {
    ApiKeys apiKeys = ApiKeys.create(pool);
    Offices offices = Offices.create(pool);
    Idempotency idempotency = Idempotency.create(pool);
    Outbox outbox = Outbox.create(vertx, pool);
    Reconciler reconciler = Reconciler.create(List.of(new CallbackListener(), new SmsRequests(),
        new LinkExpiry(config.sms().linkTtl())));
    TrackingIngest ingest = new TrackingIngest(reconciler, Duration.ofMinutes(10));
    AppConfig.TrackingConfig tracking = config.tracking();
    GroupCommitter committer = new GroupCommitter(vertx, pool, tracking.ingestCommits(), 2_000, 100_000,
        new ForegroundPressure(Duration.ofMillis(200)), new InboxBacklog(tracking.inboxRefuseAfter()),
        tracking.ingestCommitSpacing(), registry);
    OrderService orders = OrderService.create(pool, idempotency, outbox, links);
    renderPool = new RenderPool(vertx, config.renderThreads(), config.renderThreads() * 8);
    LabelService labelService = new LabelService(pool, links, labels, renderPool);
    ManifestService manifests = new ManifestService(pool, offices, labels, renderPool);
    SqlClient reads = Database.pipelined(vertx, target, config.database().readConnections());
    int perMinute = config.http().rateLimitPerMinute();
    return new Services(config, vertx, pool, reads, schema, registry, draining, new AtomicInteger(),
        RateLimiter.perMinute(perMinute, Math.max(20, perMinute / 10)),
        vn.dossierpost.citizen.TrackingRoutes.limiter(config.sms().trackingRequestsPerMinute()),
        apiKeys, offices, idempotency, outbox, reconciler, orders, links, labelService, manifests,
        ingest, committer, new CarrierRecords(statusMap));
  }

  /** The in-process simulator when no carrier URL is configured; then the adapter pointing at it. */
  private Future<PostalCarrier> startCarrier() {
    AppConfig.CarrierConfig account = config.carrier();
    AppConfig.SimulatorConfig sim = config.simulator();
    Future<String> baseUrl;
    if (account.embedded()) {
      simulatorPool = Database.pool(vertx, target, 4);
      int simPort = sim.port() == 0 ? freePort() : sim.port();
      simulator = new CarrierSimulator(simulatorPool, new SimulatorSettings(simPort,
          account.customerCode(), account.key(), account.secret(), sim.autoplay(), sim.speed(),
          sim.seed(), sim.serviceIndicator(), sim.serials()[0], sim.serials()[1]));
      baseUrl = vertx.deployVerticle(simulator).onSuccess(backgroundDeployments::add)
          .map(id -> "http://localhost:" + simPort);
    } else {
      baseUrl = Future.succeededFuture(account.url().orElseThrow().toString().replaceAll("/$", ""));
    }
    return baseUrl.map(url -> {
      carrierUrl = url;
      return new VnpostHccCarrier(vertx, WebClient.create(vertx, new WebClientOptions()
              .setConnectTimeout((int) account.timeout().toMillis())
              .setUserAgent("dossier-post"),
              new io.vertx.core.http.PoolOptions().setHttp1MaxSize(account.connections())
                  .setMaxWaitQueueSize(10_000)),
          new VnpostHccCarrier.Settings(url, account.customerCode(), account.key(),
              account.secret(), account.timeout(), 3, Duration.ofMillis(200)),
          new Circuit(10, Duration.ofSeconds(5)), registry);
    });
  }

  private Future<Map<String, JobHandler>> carrierJobs(PostalCarrier carrier) {
    Future<ItemCodes> itemCodes = config.carrier().itemCodeRange().isPresent()
        ? ItemCodes.senderAssigned(services.pool(), config.carrier().itemCodeRange().get())
        : Future.succeededFuture(ItemCodes.carrierAssigned());
    return itemCodes.map(codes -> {
      BookingJobs booking = new BookingJobs(services.pool(), services.offices(), carrier,
          services.reconciler(), codes);
      Map<String, JobHandler> handlers = new HashMap<>();
      handlers.put(OrderService.BOOK_JOB, booking.booking());
      handlers.put(OrderService.CANCEL_JOB, booking.cancellation());
      handlers.put(SmsRequests.JOB, smsJob());
      handlers.put(CallbackListener.JOB, new CallbackJob(services.pool(), services.offices(),
          WebClient.create(vertx, new WebClientOptions().setUserAgent("dossier-post")),
          Duration.ofSeconds(10), config.outbox().callbackRetryBase()));
      this.carrier = carrier;
      return handlers;
    });
  }

  private PostalCarrier carrier;

  private SmsJob smsJob() {
    SmsConfig sms = config.sms();
    SmsGateway gateway = "http".equals(sms.gateway())
        ? new HttpSmsGateway(WebClient.create(vertx, new WebClientOptions().setUserAgent("dossier-post")),
            sms.httpUrl().orElseThrow(), sms.httpAuthorization(), sms.httpBody(), Duration.ofSeconds(10))
        : new ConsoleSmsGateway(vertx, sms.file());
    return new SmsJob(services.pool(), gateway, services.links(), sms.brandname(),
        new QuietHours(sms.quietFrom(), sms.quietUntil()), sms.capPerOrder(), sms.capPerPhonePerHour(),
        java.time.Clock.systemUTC());
  }

  private Future<Void> deployBackground(Map<String, JobHandler> handlers) {
    AppConfig.OutboxConfig jobs = config.outbox();
    AppConfig.TrackingConfig tracking = config.tracking();
    OutboxWorker worker = new OutboxWorker(services.pool(), handlers,
        jobs.batchSize(), new OutboxWorker.Yield(services.committer().pressure(),
            jobs.yieldConcurrency(), jobs.maxLag()),
        jobs.pollInterval(), jobs.lease(), registry);
    EventInbox inbox = new EventInbox(services.pool(), services.ingest(), services.records(),
        services.outbox(), 2, 2_000, 2_000, new EventInbox.Yield(services.committer().pressure(), 16,
            Duration.ofMillis(200), tracking.inboxMaxLag()), services.committer().backlog(),
        Duration.ofMillis(500), registry);
    return vertx.deployVerticle(worker).onSuccess(backgroundDeployments::add)
        .compose(v -> vertx.deployVerticle(inbox))
        .onSuccess(backgroundDeployments::add)
        .compose(v -> vertx.deployVerticle(new Housekeeping(services.pool(), services.outbox(),
            services.idempotency(), services.committer().pressure(), registry)))
        .onSuccess(backgroundDeployments::add)
        .compose(v -> vertx.deployVerticle(new TrackingPoller(services.pool(), carrier,
            services.records(), services.ingest(), config.carrier().name(),
            config.carrier().pollInterval(),
            500, registry)))
        .onSuccess(backgroundDeployments::add)
        .compose(v -> vertx.deployVerticle(new SlaWatchdog(services.pool(), tracking.slaCheckInterval(),
            services.committer().pressure())))
        .onSuccess(backgroundDeployments::add)
        .compose(v -> vertx.deployVerticle(new ParkedSweeper(services.pool(), services.reconciler(),
            Duration.ofSeconds(5))))
        .onSuccess(backgroundDeployments::add)
        .mapEmpty();
  }

  private Future<Void> deployHttp() {
    return vertx.deployVerticle(
            () -> new HttpServerVerticle(port, v -> ApiRouter.create(v, services)),
            new DeploymentOptions().setInstances(config.http().instances()))
        .onSuccess(httpDeployments::add)
        .mapEmpty();
  }

  /**
   * Stops in order: refuse new work and let requests in progress finish, stop background jobs,
   * close the pool, stop Vert.x, then the embedded database.
   */
  public Future<Void> stop() {
    draining.set(true);
    Future<Void> http = Future.succeededFuture();
    for (String id : httpDeployments) {
      http = http.compose(v -> vertx.undeploy(id));
    }
    return http
        .eventually(() -> Future.all(backgroundDeployments.stream().map(vertx::undeploy).toList()))
        .eventually(() -> renderPool == null ? Future.succeededFuture() : renderPool.close())
        .eventually(() -> services == null ? Future.succeededFuture() : services.pool().close())
        .eventually(() -> services == null ? Future.succeededFuture() : services.reads().close())
        .eventually(() -> simulatorPool == null ? Future.succeededFuture() : simulatorPool.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          if (embedded != null) {
            embedded.close();
          }
          return null;
        }))
        .eventually(vertx::close)
        .mapEmpty();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  public Services services() {
    return services;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** With the demo, the simulator also pushes what it publishes to our webhook. */
  private Void pushDemoTracking(Map<String, String> keys) {
    if (simulator != null && config.simulator().push()) {
      simulator.pushTo(baseUrl() + "/api/v1/carrier/events", keys.get("DP_DEMO_CARRIER_SECRET"));
    }
    return null;
  }

  public CarrierSimulator simulator() {
    return simulator;
  }

  /** Base URL of the carrier API in use: the in-process simulator's unless configured. */
  public String carrierUrl() {
    return carrierUrl;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

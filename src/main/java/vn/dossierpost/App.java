package vn.dossierpost;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import vn.dossierpost.db.Supervisor;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.HttpServerVerticle;
import vn.dossierpost.label.Labels;
import vn.dossierpost.label.RenderPool;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.tracking.StatusMap;

/**
 * One running service: the database (embedded or external), migrations, the shared pools, and
 * the verticles. Start-up prepares what needs I/O, {@link Wiring} builds the components in one
 * step, and this class deploys them and undoes it all in reverse on {@link #stop}. {@link Main}
 * runs one; tests run several.
 */
public final class App {

  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  private final AppConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean draining = new AtomicBoolean();
  /** What {@link #stop} undoes, the latest first: deployments, pools, the embedded database. */
  private final Deque<Supplier<Future<Void>>> undo = new ConcurrentLinkedDeque<>();
  private static final Duration STOP_STEP_LIMIT = Duration.ofSeconds(30);
  private final StartupPhases phases;
  /** The database started (and, embedded, watched) before Vert.x even existed. */
  private final Future<StartedDatabase> database;
  private final Future<Reference> reference;
  private Wiring.Components components;
  private CarrierSimulator simulator;
  private String carrierUrl;
  private int port;
  private volatile String databaseVia;
  private volatile EmbeddedDatabase embedded;
  /** Watches the embedded database; null with an external one. */
  private volatile Supervisor supervisor;

  private App(AppConfig config, Vertx vertx, PrometheusMeterRegistry registry, StartupPhases phases,
      Future<StartedDatabase> database, Future<Reference> reference) {
    this.phases = phases;
    this.database = database;
    this.reference = reference;
    this.config = config;
    this.vertx = vertx;
    this.registry = registry;
  }

  public static Future<App> start(AppConfig config) {
    StartupPhases phases = new StartupPhases();
    // First: the rest of start-up needs it, and it needs nothing, not even Vert.x.
    Future<StartedDatabase> database = phases.thread(
        config.database().target().isPresent() ? "database"
            : EmbeddedDatabase.exists(config.database().dataDir()) ? "database_start" : "database_create",
        () -> startDatabase(config));
    Future<Reference> reference = phases.thread("reference", App::loadReference);
    long began = phases.now();
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
    phases.record("vertx", began);
    App app = new App(config, vertx, registry, phases, database, reference);
    // Promises of no context: a failed start closes Vert.x, whose event loops could then no longer
    // deliver the failure, and the caller would wait for it forever.
    Promise<App> started = Promise.promise();
    app.boot().onComplete(booted -> {
      if (booted.succeeded()) {
        started.complete(app);
      } else {
        // Phases still running (the database starting, say) finish first, so that stop undoes them.
        app.phases.settled().compose(v -> app.stop())
            .onComplete(stopped -> started.fail(booted.cause()));
      }
    });
    return started.future();
  }

  /**
   * The start-up graph: each phase waits only for what it needs. The database (created or
   * started, seconds), the reference data and the simulator's HTTP side need nothing from one
   * another; the two schemas migrate side by side once the database answers; the components
   * are built when all of that is there, and the background jobs and HTTP deploy together.
   */
  private Future<Void> boot() {
    Future<DatabaseTarget> database = this.database.map(started -> {
      embedded = started.embedded();
      supervisor = started.supervisor();
      return started.target();
    });
    Future<Void> simulatorSchema = config.carrier().embedded()
        ? database.compose(target -> phases.blocking(vertx, "simulator_schema", () -> {
          Migrations.migrateSimulator(target);
          return null;
        }))
        : Future.succeededFuture();
    Future<String> carrier = phases.time("simulator", () -> startSimulator(simulatorSchema));
    Future<String> schema = database.compose(target -> phases.blocking(vertx, "migrations", () -> {
      int applied = Migrations.migrate(target).migrationsExecuted;
      // The newest migration of this build, for /ready to compare with what is applied.
      String latest = Migrations.latestInBuild(App.class.getClassLoader())
          .orElseGet(() -> Migrations.latestVersion(target));
      LOG.info("event=migrated schema={} applied={}", latest, applied);
      return latest;
    }));
    Future<DatabaseTarget> pools = database.compose(target -> phases.blocking(vertx, "pools",
        () -> poolTarget(target)));
    return Future.all(schema, pools, reference, carrier, simulatorSchema)
        .compose(all -> phases.time("build", () -> build(pools.result(), schema.result(),
            reference.result(), carrier.result())))
        .compose(built -> {
          components = built;
          return Future.all(phases.time("background", () -> deploy(built.background())),
              phases.time("http", this::deployHttp));
        })
        .compose(v -> config.database().seedDemo()
            ? phases.time("demo", () -> DemoData.seed(services(), config, port, carrierUrl)
                .map(this::pushDemoTracking))
            : Future.<Void>succeededFuture())
        .onSuccess(v -> {
          long total = phases.now();
          LOG.info("event=ready port={} database={} database_via={} transport={} startup_ms={}",
              port, config.database().embedded() ? "embedded" : "external",
              databaseVia,
              vertx.isNativeTransportEnabled() ? "native" : "nio",
              total);
          LOG.info("event=startup_phases ready_ms={} {}", total, phases);
          System.out.println("DP_READY url=" + baseUrl());
          System.out.flush();
        });
  }

  /** What is read once from the jar and needs no database. */
  private record Reference(Labels labels, StatusMap statusMap) {
  }

  /**
   * Blocking: label layouts and fonts, the carrier's status map, the phone number tables, the
   * provinces and communes.
   */
  private static Reference loadReference() {
    Phones.warmUp();
    vn.dossierpost.geo.AdminUnits.get();
    Migrations.warmUp();
    return new Reference(Labels.load(), StatusMap.vnpost());
  }

  /** Where the database answers by TCP; the embedded server and its supervisor, if any. */
  private record StartedDatabase(DatabaseTarget target, EmbeddedDatabase embedded, Supervisor supervisor) {
  }

  /** Blocking: starts the embedded database if needed. */
  private static StartedDatabase startDatabase(AppConfig config) throws IOException {
    if (config.database().target().isPresent()) {
      return new StartedDatabase(config.database().target().get(), null, null);
    }
    EmbeddedDatabase started = EmbeddedDatabase.start(config.database().dataDir(),
        config.database().embeddedPort());
    return new StartedDatabase(started.target(), started,
        Supervisor.start(started, Duration.ofMillis(500), 3));
  }

  /**
   * Blocking: where the pools connect. They reach the embedded server through its socket when
   * the transport allows it.
   */
  private DatabaseTarget poolTarget(DatabaseTarget target) {
    DatabaseTarget pools = embedded != null && vertx.isNativeTransportEnabled()
        ? embedded.socketTarget().orElse(target) : target;
    databaseVia = pools.host().startsWith("/") ? "socket" : "tcp";
    return pools;
  }

  /** Opens the pools, loads the link keys and item codes; then builds the components. */
  private Future<Wiring.Components> build(DatabaseTarget target, String schema, Reference reference,
      String carrierBase) {
    Pool pool = closing(Database.pool(vertx, target, config.database().poolSize()));
    var reads = closing(Database.pipelined(vertx, target, config.database().readConnections()));
    port = config.http().port() == 0 ? freePort() : config.http().port();
    PostalCarrier carrier = carrier(carrierBase);
    return TrackingLinks.create(pool, config.http().publicBaseUrl(port))
        .compose(links -> itemCodes(pool).map(codes -> {
          RenderPool render = new RenderPool(vertx, config.renderThreads(), config.renderThreads() * 8);
          undo.push(render::close);
          return Wiring.wire(new Wiring.Prepared(config, vertx, registry, draining, pool, reads,
              schema, links, reference.labels(), reference.statusMap(), carrier, codes, render,
              () -> supervisor == null || supervisor.healthy()));
        }));
  }

  private <C extends io.vertx.sqlclient.SqlClient> C closing(C client) {
    undo.push(client::close);
    return client;
  }

  /**
   * The in-process simulator when no carrier URL is configured: it listens at once, its pool
   * connects when it first needs to, and it releases nothing before {@code schema} is made.
   * Answers the carrier's base URL.
   */
  private Future<String> startSimulator(Future<Void> schema) {
    AppConfig.CarrierConfig account = config.carrier();
    AppConfig.SimulatorConfig sim = config.simulator();
    if (!account.embedded()) {
      return Future.succeededFuture(account.url().orElseThrow().toString().replaceAll("/$", ""));
    }
    DatabaseTarget target = config.database().target()
        .orElseGet(() -> EmbeddedDatabase.target(config.database().embeddedPort()));
    Pool simulatorPool = closing(Database.pool(vertx, target, 4));
    int simPort = sim.port() == 0 ? freePort() : sim.port();
    simulator = new CarrierSimulator(simulatorPool, new SimulatorSettings(simPort,
        account.customerCode(), account.key(), account.secret(), sim.autoplay(), sim.speed(),
        sim.seed(), sim.serviceIndicator(), sim.serials()[0], sim.serials()[1]))
        .schemaFrom(schema);
    return deploy(List.of(simulator)).map(v -> "http://localhost:" + simPort);
  }

  /** The adapter to the carrier at {@code url}. */
  private PostalCarrier carrier(String url) {
    AppConfig.CarrierConfig account = config.carrier();
    carrierUrl = url;
    return new VnpostHccCarrier(vertx, WebClient.create(vertx, new WebClientOptions()
            .setConnectTimeout((int) account.timeout().toMillis())
            .setUserAgent("dossier-post"),
            new PoolOptions().setHttp1MaxSize(account.connections()).setMaxWaitQueueSize(10_000)),
        new VnpostHccCarrier.Settings(url, account.customerCode(), account.key(),
            account.secret(), account.timeout(), 3, Duration.ofMillis(200)),
        new Circuit(10, Duration.ofSeconds(5)), registry);
  }

  private Future<ItemCodes> itemCodes(Pool pool) {
    return config.carrier().itemCodeRange().isPresent()
        ? ItemCodes.senderAssigned(pool, config.carrier().itemCodeRange().get())
        : Future.succeededFuture(ItemCodes.carrierAssigned());
  }

  /** Deploys one after another; {@link #stop} undeploys them together. */
  private Future<Void> deploy(List<? extends Deployable> verticles) {
    List<String> ids = new ArrayList<>();
    undo.push(() -> Future.all(ids.stream().map(vertx::undeploy).toList()).mapEmpty());
    Future<Void> chain = Future.succeededFuture();
    for (Deployable verticle : verticles) {
      chain = chain.compose(v -> vertx.deployVerticle(verticle).onSuccess(ids::add).mapEmpty());
    }
    return chain;
  }

  private Future<Void> deployHttp() {
    Wiring.Components built = components;
    return vertx.deployVerticle(
            () -> new HttpServerVerticle(port, config.http().edge(),
                built.http().connectionsPerAddress(), built.http().registry(),
                v -> ApiRouter.create(v, built)),
            new DeploymentOptions().setInstances(config.http().instances()))
        .onSuccess(id -> undo.push(() -> vertx.undeploy(id)))
        .mapEmpty();
  }

  /**
   * Stops in the reverse order of start: refuse new work and let requests in progress finish,
   * stop background jobs, close the pools, then the embedded database and Vert.x.
   */
  public Future<Void> stop() {
    draining.set(true);
    Future<Void> chain = Future.succeededFuture();
    int count = undo.size();
    for (int n = 1; !undo.isEmpty(); n++) {
      Supplier<Future<Void>> step = undo.pop();
      int which = n;
      chain = chain.eventually(() -> bounded(step, which, count));
    }
    // The supervisor first, so that the database's stop is not taken for a crash.
    // Not on the undo stack, which phases running side by side fill in no set order: the
    // database is closed after everything else (the simulator, started before it, included).
    chain = chain.eventually(() -> vertx.executeBlocking(() -> {
      if (database.succeeded() && database.result().embedded() != null) {
        database.result().supervisor().close();
        database.result().embedded().close();
      }
      return null;
    }));
    Promise<Void> stopped = Promise.promise();
    chain.onComplete(steps -> vertx.close().onComplete(closed -> stopped.handle(steps.failed() ? steps : closed)));
    return stopped.future();
  }

  /**
   * One step of the stop, given at most {@link #STOP_STEP_LIMIT}: a step that never ends (a
   * verticle waiting for work that cannot finish) must not keep the process from stopping.
   */
  private Future<Void> bounded(Supplier<Future<Void>> step, int which, int steps) {
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(STOP_STEP_LIMIT.toMillis(), id -> {
      if (done.tryFail("stop step " + which + " of " + steps + " took over " + STOP_STEP_LIMIT)) {
        LOG.warn("event=stop_step_slow step={} of={} limit_ms={}", which, steps, STOP_STEP_LIMIT.toMillis());
      }
    });
    Future<Void> running;
    try {
      running = step.get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    running.onComplete(ar -> {
      vertx.cancelTimer(timer);
      done.tryComplete();
    });
    return done.future();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  public Services services() {
    return components == null ? null : components.services();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** When each phase of this start began and ended. */
  public StartupPhases startupPhases() {
    return phases;
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

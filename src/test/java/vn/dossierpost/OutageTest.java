package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.http.StandardWebhooks;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.OrderLoad;
import vn.dossierpost.support.Postmaster;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.ServiceProcess;
import vn.dossierpost.support.TestApp;

/**
 * The embedded PostgreSQL dies under load (SIGKILL to the postmaster and its backends, as the OOM
 * killer would): clients are told 503 with Retry-After, never 500, while it is away; the service
 * starts it again by itself, is ready again, takes new orders, and has lost nothing it
 * acknowledged.
 */
class OutageTest {

  @TempDir
  Path dataDir;

  @Test
  void afterThePostmasterIsKilledClientsGet503WithRetryAfterAndTheServiceRecoversByItself()
      throws Exception {
    ServiceProcess service = ServiceProcess.start(dataDir, ServiceProcess.freePort(), Map.of(
        "DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false",
        "DP_RATE_LIMIT_PER_MINUTE", "1000000"));
    Vertx vertx = Vertx.vertx();
    Http http = new Http(WebClient.create(vertx), service.baseUrl());
    String office = service.value("DP_DEMO_OFFICE");
    String deskKey = service.value("DP_DEMO_DESK_KEY");
    Webhooks webhooks = new Webhooks(vertx, service.baseUrl(), service.value("DP_DEMO_CARRIER_SECRET"));
    try {
      OrderLoad load = OrderLoad.start(vertx, service.baseUrl(), deskKey, office, 6);
      webhooks.start(4);
      Eventually.within(Duration.ofSeconds(60), () ->
          assertThat(load.acknowledged()).hasSizeGreaterThan(30));
      long before = Postmaster.of(dataDir).orElseThrow().pid();

      long crashed = System.nanoTime();
      Postmaster.crash(dataDir);

      Eventually.within(Duration.ofSeconds(60), () ->
          assertThat(http.get("/ready", null).status()).isEqualTo(200));
      long back = System.nanoTime();
      System.out.printf("outage: ready again %d ms after the kill%n", (back - crashed) / 1_000_000);
      Eventually.within(Duration.ofSeconds(30), () ->
          assertThat(load.firstSuccessAfter(back)).isPresent());
      load.stop();
      webhooks.stop();
      System.out.printf("outage: bookings %s, acknowledged %d; webhooks acknowledged %d%n",
          load.statuses(), load.acknowledged().size(), webhooks.acknowledged.size());
      service.output().stream().filter(l -> l.matches(".*(event=(embedded_database|loop_)|level=ERROR|Exception:).*"))
          .limit(60).forEach(l -> System.out.println("outage: [service] " + l));
      load.violations().forEach(v -> System.out.println("outage: violation " + v));
      Path restartLog = dataDir.resolve("postgres-restart.log");
      if (Files.exists(restartLog)) {
        Files.readAllLines(restartLog).stream().filter(l -> l.contains("FATAL"))
            .forEach(l -> System.out.println("outage: [postgres] " + l));
      }

      assertThat(Postmaster.of(dataDir)).as("a new postmaster runs").get()
          .extracting(ProcessHandle::pid).isNotEqualTo(before);
      assertThat(load.count(503)).as("bookings answered 503 while the database was away").isPositive();
      assertThat(load.violations()).as("answers other than 201 or 503 with Retry-After").isEmpty();
      assertThat(webhooks.violations).as("webhook answers other than 2xx or 503 with Retry-After").isEmpty();
      assertThat(http.get("/health", null).status()).isEqualTo(200);
      assertThat(http.post("/api/v1/orders", deskKey, Samples.order(Samples.dossierCode(office), "DELIVERY"),
          Map.of("Idempotency-Key", "after-the-outage")).status()).isEqualTo(201);

      Pool pool = Database.pool(vertx, new DatabaseTarget("localhost",
          Integer.parseInt(service.value("pgPort")), "postgres", "postgres", ""), 2);
      Db db = new Db(pool);
      List<String> orders = new ArrayList<>();
      TestApp.await(pool.query("SELECT id::text FROM orders").execute()).forEach(r -> orders.add(r.getString(0)));
      assertThat(orders).as("every acknowledged order").containsAll(load.acknowledged());
      Eventually.within(Duration.ofSeconds(30), () ->
          assertThat(db.count("SELECT count(*) FROM event_inbox")).isZero());
      List<String> stored = new ArrayList<>();
      TestApp.await(pool.query("SELECT item_code FROM order_events WHERE source = 'WEBHOOK'").execute())
          .forEach(row -> stored.add(row.getString(0)));
      assertThat(stored).as("every acknowledged webhook event").containsAll(webhooks.acknowledged);
      TestApp.await(pool.close());
    } finally {
      service.stop();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void healthTurnsDownOnlyAfterThreeRestartsFailedAndUpAgainOnceOneSucceeds() throws Exception {
    ServiceProcess service = ServiceProcess.start(dataDir, ServiceProcess.freePort(), Map.of(
        "DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false"));
    Vertx vertx = Vertx.vertx();
    Http http = new Http(WebClient.create(vertx), service.baseUrl());
    int pgPort = Integer.parseInt(service.value("pgPort"));
    List<java.net.ServerSocket> squatters = new ArrayList<>();
    try {
      Postmaster.crash(dataDir);
      // Someone takes the database's port while it is down: every restart fails until it is freed.
      for (String address : List.of("127.0.0.1", "::1")) {
        try {
          squatters.add(new java.net.ServerSocket(pgPort, 50, java.net.InetAddress.getByName(address)));
        } catch (java.io.IOException noSuchAddress) {
          // no IPv6 loopback here: PostgreSQL cannot listen there either
        }
      }
      assertThat(squatters).isNotEmpty();
      assertThat(http.get("/health", null).status()).as("/health right after the crash").isEqualTo(200);

      Eventually.within(Duration.ofSeconds(60), () ->
          assertThat(http.get("/health", null).status()).isEqualTo(503));
      assertThat(service.output()).anyMatch(l -> l.contains("event=embedded_database_unrecoverable failed_restarts=3"));
      assertThat(http.get("/ready", null).status()).isEqualTo(503);

      for (java.net.ServerSocket squatter : squatters) {
        squatter.close();
      }
      Eventually.within(Duration.ofSeconds(60), () ->
          assertThat(http.get("/ready", null).status()).isEqualTo(200));
      // The database answers a moment before the restart call returns and the supervisor notes it.
      Eventually.within(Duration.ofSeconds(5), () ->
          assertThat(http.get("/health", null).status()).isEqualTo(200));
    } finally {
      for (java.net.ServerSocket squatter : squatters) {
        squatter.close();
      }
      service.stop();
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The carrier pushing signed events from a few streams; what it got back is kept. */
  private static final class Webhooks {
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final Vertx vertx;
    private final WebClient client;
    private final String base;
    private final String secret;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Future<Void>> streams = new ArrayList<>();

    Webhooks(Vertx vertx, String base, String secret) {
      this.vertx = vertx;
      this.client = WebClient.create(vertx);
      this.base = base;
      this.secret = secret;
    }

    void start(int n) {
      for (int i = 0; i < n; i++) {
        streams.add(next());
      }
    }

    void stop() throws Exception {
      running.set(false);
      Future.join(streams).await(60, TimeUnit.SECONDS);
    }

    private Future<Void> next() {
      if (!running.get()) {
        return Future.succeededFuture();
      }
      int n = sent.incrementAndGet();
      String item = S10.of("EZ", 60_000_000L + n, "VN");
      Buffer body = CarrierPush.record(item, 7, OffsetDateTime.now()).toBuffer();
      String id = "msg_outage_" + n;
      long ts = System.currentTimeMillis() / 1000;
      return client.postAbs(base + "/api/v1/carrier/events")
          .putHeader("Content-Type", "application/json")
          .putHeader("webhook-id", id)
          .putHeader("webhook-timestamp", Long.toString(ts))
          .putHeader("webhook-signature", StandardWebhooks.sign(secret, id, ts, body.getBytes()))
          .timeout(20_000)
          .sendBuffer(body)
          .transform(ar -> {
            if (ar.failed()) {
              violations.add("no answer: " + ar.cause());
            } else if (ar.result().statusCode() / 100 == 2) {
              acknowledged.add(item);
              return next();
            } else if (ar.result().statusCode() != 503 || ar.result().getHeader("Retry-After") == null) {
              violations.add(ar.result().statusCode() + " " + ar.result().bodyAsString());
            }
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(100, t -> pause.complete());
            return pause.future().compose(v -> next());
          });
    }
  }
}

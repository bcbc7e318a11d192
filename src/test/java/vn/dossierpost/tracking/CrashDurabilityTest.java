package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import vn.dossierpost.support.Postmaster;
import vn.dossierpost.support.ServiceProcess;
import vn.dossierpost.support.TestApp;

/**
 * Nothing acknowledged is lost: events stream into the service running as its own process, its
 * embedded PostgreSQL (postmaster and backends) and then the service are killed with SIGKILL
 * mid-stream, the service is started again on the same data (PostgreSQL runs crash recovery),
 * and every event that got a 2xx is in the database (in the event store once the event inbox has
 * been ingested). Only a commit that reached the WAL on disk survives the database's death, so
 * this fails if acknowledgements outrun the flush (for example with {@code synchronous_commit=off}).
 */
class CrashDurabilityTest {

  @TempDir
  Path dataDir;

  @Test
  void everyEventThatGotA2xxBeforeTheDatabaseAndTheServiceWereKilledIsThereAfterTheRestart()
      throws Exception {
    int port = ServiceProcess.freePort();
    Map<String, String> env = Map.of("DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false");
    ServiceProcess service = ServiceProcess.start(dataDir, port, env);
    String secret = service.value("DP_DEMO_CARRIER_SECRET");
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean streaming = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    List<Future<Void>> streams = new ArrayList<>();
    for (int s = 0; s < 16; s++) {
      streams.add(stream(client, service.baseUrl(), secret, sent, acknowledged, streaming));
    }

    Eventually.within(Duration.ofSeconds(60), () -> assertThat(acknowledged).hasSizeGreaterThan(300));
    Postmaster.crash(dataDir);
    service.kill();
    streaming.set(false);
    Future.join(streams).await(30, java.util.concurrent.TimeUnit.SECONDS);
    int atKill = acknowledged.size();
    assertThat(Postmaster.of(dataDir)).as("no postmaster survives the crash").isEmpty();

    ServiceProcess again = ServiceProcess.start(dataDir, port, env);
    try {
      Pool pool = Database.pool(vertx, new DatabaseTarget("localhost",
          Integer.parseInt(again.value("pgPort")), "postgres", "postgres", ""), 2);
      // Acknowledged messages not yet ingested when the process died wait in the event inbox,
      // and the restarted service ingests them.
      Db db = new Db(pool);
      Eventually.within(Duration.ofSeconds(30), () ->
          assertThat(db.count("SELECT count(*) FROM event_inbox")).isZero());
      List<String> stored = new ArrayList<>();
      TestApp.await(pool.query("SELECT item_code FROM order_events WHERE source = 'WEBHOOK'").execute())
          .forEach(row -> stored.add(row.getString(0)));
      assertThat(stored).containsAll(acknowledged);
      assertThat(sent.get()).as("requests were still going when it died").isGreaterThan(atKill);
      TestApp.await(pool.close());
    } finally {
      again.stop();
      vertx.close();
    }
  }

  /** One client posting one signed event after another until told to stop or refused. */
  private static Future<Void> stream(WebClient client, String base, String secret, AtomicInteger sent,
      Set<String> acknowledged, AtomicBoolean streaming) {
    if (!streaming.get()) {
      return Future.succeededFuture();
    }
    int n = sent.incrementAndGet();
    String item = S10.of("EZ", 50_000_000L + n, "VN");
    Buffer body = CarrierPush.record(item, 7, OffsetDateTime.now()).toBuffer();
    String id = "msg_crash_" + n;
    long ts = System.currentTimeMillis() / 1000;
    return client.postAbs(base + "/api/v1/carrier/events")
        .putHeader("Content-Type", "application/json")
        .putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", Long.toString(ts))
        .putHeader("webhook-signature", StandardWebhooks.sign(secret, id, ts, body.getBytes()))
        .timeout(5_000)
        .sendBuffer(body)
        .transform(ar -> {
          if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
            acknowledged.add(item);
            return stream(client, base, secret, sent, acknowledged, streaming);
          }
          return ar.succeeded() ? stream(client, base, secret, sent, acknowledged, streaming)
              : Future.succeededFuture();
        });
  }

}

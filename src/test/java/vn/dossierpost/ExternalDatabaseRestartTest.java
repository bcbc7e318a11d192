package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.web.client.WebClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.OrderLoad;
import vn.dossierpost.support.TestApp;

/**
 * With an external PostgreSQL (DP_DATABASE_URL), a restart of that server under load: clients
 * are told 503 with Retry-After while it is away, the first booking succeeds within 2 s of it
 * answering again, and nothing acknowledged is lost. The external server is a second embedded
 * one, on a fixed port so that it comes back where the service looks for it.
 */
class ExternalDatabaseRestartTest {

  private static final int PORT = 19431;

  @TempDir
  Path serviceDir;
  @TempDir
  Path databaseDir;

  @Test
  void afterTheExternalServerRestartsTheFirstBookingSucceedsWithinTwoSecondsAndNothingIsLost()
      throws Exception {
    EmbeddedPostgres external = startExternal();
    Map<String, String> env = new HashMap<>();
    env.put("DP_DATABASE_URL", "postgresql://postgres@localhost:" + PORT + "/postgres");
    env.put("DP_SEED_DEMO", "true");
    env.put("DP_DATA_DIR", serviceDir.toString());
    env.put("DP_HTTP_PORT", "0");
    env.put("DP_HTTP_INSTANCES", "1");
    env.put("DP_SIMULATOR_PORT", "0");
    env.put("DP_SIMULATOR_AUTOPLAY", "false");
    env.put("DP_SIMULATOR_PUSH", "false");
    env.put("DP_RATE_LIMIT_PER_MINUTE", "1000000");
    App app = null;
    try {
      app = TestApp.await(App.start(AppConfig.fromEnv(env)));
      Properties keys = new Properties();
      keys.load(Files.newBufferedReader(serviceDir.resolve("demo-keys.env")));
      Http http = new Http(WebClient.create(app.vertx()), app.baseUrl());
      OrderLoad load = OrderLoad.start(app.vertx(), app.baseUrl(), keys.getProperty("DP_DEMO_DESK_KEY"),
          keys.getProperty("DP_DEMO_OFFICE"), 6);
      Eventually.within(Duration.ofSeconds(60), () -> assertThat(load.acknowledged()).hasSizeGreaterThan(30));

      external.close();
      Eventually.within(Duration.ofSeconds(30), () ->
          assertThat(http.get("/ready", null).status()).isEqualTo(503));
      int refusedBefore = load.count(503);
      Eventually.within(Duration.ofSeconds(30), () -> assertThat(load.count(503)).isGreaterThan(refusedBefore + 5));
      external = startExternal();
      long back = System.nanoTime();

      Eventually.within(Duration.ofSeconds(30), () -> assertThat(load.firstSuccessAfter(back)).isPresent());
      long firstMillis = (load.firstSuccessAfter(back).getAsLong() - back) / 1_000_000;
      Eventually.within(Duration.ofSeconds(30), () ->
          assertThat(http.get("/ready", null).status()).isEqualTo(200));
      long readyMillis = (System.nanoTime() - back) / 1_000_000;
      load.stop();
      System.out.printf("external restart: first booking %d ms and /ready %d ms after the server was back;"
          + " bookings %s%n", firstMillis, readyMillis, load.statuses());

      assertThat(firstMillis).as("ms from the server answering to the first booking").isLessThanOrEqualTo(2_000);
      assertThat(load.violations()).as("answers other than 201 or 503 with Retry-After").isEmpty();
      List<String> orders = new ArrayList<>();
      TestApp.await(app.services().pool().query("SELECT id::text FROM orders").execute())
          .forEach(r -> orders.add(r.getString(0)));
      assertThat(orders).as("every acknowledged order").containsAll(load.acknowledged());
    } finally {
      if (app != null) {
        TestApp.await(app.stop());
      }
      external.close();
    }
  }

  private EmbeddedPostgres startExternal() throws Exception {
    return EmbeddedPostgres.builder()
        .setDataDirectory(databaseDir.resolve("pg"))
        .setCleanDataDirectory(false)
        .setPort(PORT)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "100")
        .start();
  }
}

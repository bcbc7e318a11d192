package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Postmaster;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.ServiceProcess;

/**
 * One service owns a data directory: a second one on it is refused and changes nothing, and the
 * next owner after a crash stops the PostgreSQL the dead one left, and nothing else, before it
 * starts its own on the same port.
 */
class DataDirectoryOwnershipTest {

  private static final Map<String, String> QUIET =
      Map.of("DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false",
          "DP_RATE_LIMIT_PER_MINUTE", "1000000");

  @TempDir
  Path dataDir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void closeClient() {
    vertx.close().await();
  }

  @Test
  void aSecondServiceOnTheSameDataDirectoryIsRefusedWhileTheFirstKeepsServing() throws Exception {
    int dbPort = ServiceProcess.freePort();
    Map<String, String> env = new HashMap<>(QUIET);
    env.put("DP_DB_PORT", Integer.toString(dbPort));
    try (ServiceProcess first = ServiceProcess.start(dataDir, ServiceProcess.freePort(), env)) {
      assertThat(first.value("pgPort")).as("DP_DB_PORT is honoured").isEqualTo(Integer.toString(dbPort));
      String deskKey = first.value("DP_DEMO_DESK_KEY");
      String order = book(first, deskKey);
      long postmaster = Postmaster.of(dataDir).orElseThrow().pid();
      String lockFile = Files.readString(dataDir.resolve("dossier-post.lock"));

      ServiceProcess second = ServiceProcess.launch(dataDir, ServiceProcess.freePort(), env);
      while (ProcessHandle.of(second.pid()).map(ProcessHandle::isAlive).orElse(false)) {
        assertThat(http(first).get("/api/v1/orders/" + order, deskKey).status()).isEqualTo(200);
        Thread.sleep(100);
      }

      assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(second.output()).contains("dossier-post: data directory " + dataDir.toRealPath()
          + " is already in use by pid " + first.pid()
          + "; stop that process first, or give this one a DP_DATA_DIR of its own");
      assertThat(Postmaster.of(dataDir).orElseThrow().pid()).as("the same postmaster").isEqualTo(postmaster);
      assertThat(Files.readString(dataDir.resolve("dossier-post.lock"))).isEqualTo(lockFile);
      assertThat(http(first).get("/api/v1/orders/" + order, deskKey).status()).isEqualTo(200);
    }
  }

  @Test
  void afterAKill9TheRestartStopsExactlyTheLeftoverPostmasterAndKeepsTheDataAndThePort()
      throws Exception {
    int port = ServiceProcess.freePort();
    ServiceProcess first = ServiceProcess.start(dataDir, port, QUIET);
    String deskKey = first.value("DP_DEMO_DESK_KEY");
    String order = book(first, deskKey);
    ProcessHandle leftover = Postmaster.of(dataDir).orElseThrow();
    first.kill();
    assertThat(Postmaster.ended(leftover)).as("the postmaster outlives its owner").isFalse();

    long restart = System.nanoTime();
    try (ServiceProcess again = ServiceProcess.start(dataDir, port, QUIET)) {
      System.out.printf("restart after kill -9 ready in %d ms%n", (System.nanoTime() - restart) / 1_000_000);
      assertThat(Postmaster.ended(leftover)).isTrue();
      assertThat(again.output()).anyMatch(line -> line.contains(
          "event=leftover_postmaster_stopped pid=" + leftover.pid() + " by=SIGINT"));
      assertThat(again.value("pgPort")).isEqualTo(first.value("pgPort"))
          .isEqualTo(Integer.toString(AppConfig.DatabaseConfig.defaultEmbeddedPort(dataDir)));
      assertThat(http(again).get("/api/v1/orders/" + order, deskKey).status()).isEqualTo(200);
    }
  }

  private String book(ServiceProcess service, String deskKey) {
    Http.Response response = http(service).post("/api/v1/orders", deskKey,
        Samples.order(Samples.dossierCode(service.value("DP_DEMO_OFFICE")), "DELIVERY"),
        Map.of("Idempotency-Key", "owned"));
    assertThat(response.status()).isEqualTo(201);
    return response.json().getString("id");
  }

  private Http http(ServiceProcess service) {
    return new Http(WebClient.create(vertx), service.baseUrl());
  }
}

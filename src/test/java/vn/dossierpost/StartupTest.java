package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.StartupPhases.Phase;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.support.LogCapture;
import vn.dossierpost.support.ServiceProcess;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/**
 * The start-up graph: what needs no database (reference data, the simulator's HTTP side) runs
 * while the embedded database is created or started, the migrations wait only for the
 * database, and a restart neither creates the database again nor migrates. How long each
 * takes is measured by the start-up benchmark, not here.
 */
class StartupTest {

  @TempDir
  Path dataDir;

  @Test
  void whatNeedsNoDatabaseRunsWhileItIsCreatedAndARestartCreatesAndMigratesNothing()
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DP_DATA_DIR", dataDir.toString());
    env.put("DP_DB_PORT", Integer.toString(ServiceProcess.freePort()));
    env.put("DP_HTTP_PORT", "0");
    env.put("DP_HTTP_INSTANCES", "1");
    env.put("DP_SIMULATOR_PORT", "0");
    env.put("DP_SIMULATOR_AUTOPLAY", "false");
    env.put("DP_SIMULATOR_PUSH", "false");
    env.put("DP_SEED_DEMO", "false");

    List<Phase> first;
    List<String> firstLog;
    try (LogCapture log = LogCapture.of(App.class)) {
      App app = TestApp.await(App.start(AppConfig.fromEnv(env)));
      try {
        first = app.startupPhases().phases();
        assertThat(ready(app)).isEqualTo(200);
      } finally {
        TestApp.await(app.stop());
      }
      firstLog = log.messages();
    }
    Phase created = phase(first, "database_create").orElseThrow();
    assertThat(phase(first, "database_start")).isEmpty();
    for (String independent : List.of("reference", "simulator")) {
      assertThat(phase(first, independent).orElseThrow().start())
          .as("%s does not wait for the database: %s", independent, first)
          .isLessThan(created.end());
    }
    for (String migration : List.of("migrations", "simulator_schema")) {
      assertThat(phase(first, migration).orElseThrow().start())
          .as("%s waits for the database: %s", migration, first)
          .isGreaterThanOrEqualTo(created.end());
    }
    assertThat(phase(first, "migrations").orElseThrow().overlaps(phase(first, "simulator_schema").orElseThrow()))
        .as("the two schemas migrate side by side: %s", first).isTrue();
    Phase build = phase(first, "build").orElseThrow();
    assertThat(build.start()).isGreaterThanOrEqualTo(phase(first, "migrations").orElseThrow().end());
    assertThat(phase(first, "http").orElseThrow().start()).as("%s", first)
        .isLessThan(phase(first, "background").orElseThrow().end());
    assertThat(firstLog).anyMatch(m -> m.startsWith("event=migrated schema=")
        && m.endsWith(" applied=" + TestDatabase.newDatabaseHistory().size()))
        .as("a new database is made from the baseline, then only the migrations after it");
    assertThat(firstLog).anyMatch(m -> m.startsWith("event=startup_phases ready_ms=")
        && m.contains(" database_create=" + created.start() + "-" + created.end()));

    try (LogCapture log = LogCapture.of(App.class)) {
      App again = TestApp.await(App.start(AppConfig.fromEnv(env)));
      try {
        List<Phase> restart = again.startupPhases().phases();
        assertThat(phase(restart, "database_create")).as("%s", restart).isEmpty();
        assertThat(phase(restart, "database_start")).isPresent();
        assertThat(ready(again)).isEqualTo(200);
      } finally {
        TestApp.await(again.stop());
      }
      assertThat(log.messages()).anyMatch(m -> m.startsWith("event=migrated schema=")
          && m.endsWith(" applied=0"));
    }
  }

  private static Optional<Phase> phase(List<Phase> phases, String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static int ready(App app) {
    WebClient client = WebClient.create(app.vertx());
    try {
      return TestApp.await(client.getAbs(app.baseUrl() + "/ready").send()).statusCode();
    } finally {
      client.close();
    }
  }
}

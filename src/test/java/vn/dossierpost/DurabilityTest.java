package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/** The service's own embedded database: durable settings, and data that outlives a restart. */
class DurabilityTest {

  @TempDir
  Path dataDir;

  @Test
  void anOrderCreatedBeforeARestartIsThereAfterItAndTheDemoKeysStillWork() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DP_DATA_DIR", dataDir.toString());
    env.put("DP_HTTP_PORT", "0");
    env.put("DP_HTTP_INSTANCES", "1");
    env.put("DP_SIMULATOR_PORT", "0");

    App first = TestApp.await(App.start(AppConfig.fromEnv(env)));
    Properties keys = new Properties();
    keys.load(Files.newBufferedReader(dataDir.resolve("demo-keys.env")));
    String office = keys.getProperty("DP_DEMO_OFFICE");
    String deskKey = keys.getProperty("DP_DEMO_DESK_KEY");
    assertThat(setting(first, "fsync")).isEqualTo("on");
    assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
    String id = book(first, office, deskKey);
    TestApp.await(first.stop());

    App second = TestApp.await(App.start(AppConfig.fromEnv(env)));
    try {
      Http.Response response = http(second).get("/api/v1/orders/" + id, deskKey);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().getString("id")).isEqualTo(id);
    } finally {
      TestApp.await(second.stop());
    }
  }

  private static String book(App app, String office, String deskKey) {
    Http.Response response = http(app).post("/api/v1/orders", deskKey,
        Samples.order(Samples.dossierCode(office), "DELIVERY"), Map.of("Idempotency-Key", "durable"));
    assertThat(response.status()).isEqualTo(201);
    return response.json().getString("id");
  }

  private static Http http(App app) {
    return new Http(io.vertx.ext.web.client.WebClient.create(app.vertx()), app.baseUrl());
  }

  private static String setting(App app, String name) {
    return TestApp.await(app.services().pool().query("SHOW " + name).execute())
        .iterator().next().getString(0);
  }
}

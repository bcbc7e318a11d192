package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/**
 * The demo's courier can work the demo office's orders out of the box: the demo office is served
 * by the demo courier's postal unit, also when it was made before units were checked.
 */
class DemoCourierTest {

  @TempDir
  Path dataDir;

  @Test
  void theDemoCourierScansTheDemoOfficesOrdersAndAnotherUnitCannot() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("DP_SEED_DEMO", "true");
    env.put("DP_DATA_DIR", dataDir.toString());
    env.put("DP_DATABASE_URL", TestDatabase.freshUrl());
    String item;
    try (TestApp demo = TestApp.start(env)) {
      Properties keys = keys();
      Http http = demo.http();
      String desk = keys.getProperty("DP_DEMO_DESK_KEY");
      Eventually.within(Duration.ofSeconds(15), () -> assertThat(
          http.get("/api/v1/orders?leg=DELIVERY&status=BOOKED", desk).json().getJsonArray("items")).isNotEmpty());
      item = http.get("/api/v1/orders?leg=DELIVERY&status=BOOKED", desk).json().getJsonArray("items")
          .getJsonObject(0).getString("itemCode");

      Http.Response stranger = http.post("/api/v1/scans", demo.courierKey("999999"), Courier.scan(item, "COLLECTED"));
      Http.Response ours = http.post("/api/v1/scans", keys.getProperty("DP_DEMO_COURIER_KEY"),
          Courier.scan(item, "COLLECTED"));

      assertThat(stranger.status()).isEqualTo(404);
      assertThat(ours.status()).as(ours.toString()).isEqualTo(200);
      // the sample catalogue is seeded for the demo office's desk form
      assertThat(http.get("/api/v1/procedures", desk).json().getJsonArray("items")).hasSize(4);
      // as a demo office made before the rule would be
      new Db(demo.services().pool()).exec("UPDATE offices SET policy = '{}'::jsonb WHERE code = $1",
          DemoData.OFFICE);
    }

    try (TestApp again = TestApp.start(env)) {
      JsonObject office = again.http().get("/api/v1/admin/offices/" + DemoData.OFFICE,
          keys().getProperty("DP_DEMO_ADMIN_KEY")).json();
      assertThat(office.getJsonObject("policy").getJsonArray("servingPostalUnits")).containsExactly("650000");
    }
  }

  private Properties keys() throws IOException {
    Properties keys = new Properties();
    keys.load(Files.newBufferedReader(dataDir.resolve("demo-keys.env")));
    return keys;
  }
}

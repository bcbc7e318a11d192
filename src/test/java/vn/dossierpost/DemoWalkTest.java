package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The walk the demo prints: one BOTH dossier from creation to closing, through the HTTP API. */
class DemoWalkTest {

  private final TestApp app = TestApp.shared();

  @Test
  void theDemoWalkTakesABothDossierFromCreationToClosing() throws Exception {
    TestApp.OfficeKeys office = app.newOffice();
    byte[] csv;
    try (InputStream in = DemoWalk.class.getResourceAsStream("/demo/procedures-sample.csv")) {
      csv = in.readAllBytes();
    }
    Http.Response imported = app.http().send(HttpMethod.POST, "/api/v1/admin/offices/"
        + office.office() + "/procedures/import", app.adminKey(), Buffer.buffer(csv),
        Map.of("Content-Type", "text/csv; charset=utf-8"));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    JsonObject closed = new DemoWalk(app.baseUrl(), office.deskKey(), app.courierKey("650000"),
        new PrintStream(printed, true, StandardCharsets.UTF_8)).walk(office.office());

    assertThat(closed.getString("status")).isEqualTo("CLOSED");
    assertThat(closed.getString("appointmentDate")).isNotNull();
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("→ AWAITING_COLLECTION", "→ COLLECTED", "→ RECEIVED", "→ PROCESSING",
        "→ RESULT_READY", "→ RESULT_WITH_POST", "→ RESULT_DELIVERED", "→ CLOSED");
  }
}

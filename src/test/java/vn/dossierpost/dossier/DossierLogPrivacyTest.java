package vn.dossierpost.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * The dossier routes' logs carry no personal data: not the citizen's name or phone, not the
 * address, not a supplement's reason; and no URL they answer with (Location, links) holds any.
 */
class DossierLogPrivacyTest {

  @Test
  void dossierRequestsLogNeitherTheCitizenNorTheirAddressNorTheReasons() {
    TestApp app = TestApp.shared();
    TestApp.OfficeKeys keys = app.newOffice();
    Dossiers desk = new Dossiers(app, keys);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger http = context.getLogger("http");
    Level before = http.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    http.setLevel(Level.INFO);
    Http.Response created;
    try {
      JsonObject body = Dossiers.sample(Samples.dossierCode(keys.office()), "RESULT_BY_POST");
      body.getJsonObject("citizen").put("name", "Phạm Thị Riêng Tư").put("phone", "0987111222");
      body.getJsonObject("deliveryAddress").put("line", "77 Ngõ Bí Mật");
      created = desk.creates(body, UUID.randomUUID().toString());
      String id = created.json().getString("id");
      desk.dossier(id);
      desk.step(id, "supplement", new JsonObject().put("documents", new JsonArray().add("Giấy khám sức khỏe"))
          .put("reason", "Bệnh án tâm thần riêng tư"));
      desk.step(id, "resume", new JsonObject());
      desk.step(id, "result-ready", new JsonObject());
      desk.creates(body.copy().put("feeToCollect", -5), UUID.randomUUID().toString());
      desk.list("dossierCode=" + body.getString("dossierCode"));
    } finally {
      http.setLevel(before);
      root.detachAppender(captured);
    }

    String logs = captured.list.stream().map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.joining("\n"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(logs).contains("event=http").contains("status=201").contains("status=422");
    assertThat(logs).doesNotContain("Riêng Tư").doesNotContain("0987111222")
        .doesNotContain("84987111222").doesNotContain("Ngõ Bí Mật").doesNotContain("tâm thần")
        .doesNotContain("Giấy khám").doesNotContain(keys.deskKey()).doesNotContain("dossierCode=");
    assertThat(created.header("Location")).matches("/api/v1/dossiers/[0-9a-f-]{36}");
  }
}

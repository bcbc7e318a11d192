package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/** Request logs are structured and carry no personal data, whatever the request held. */
class LogPrivacyTest {

  @Test
  void requestLogsNameTheRequestButNeverTheCitizen() {
    TestApp app = TestApp.shared();
    Desk desk = new Desk(app, app.newOffice());
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger http = context.getLogger("http");
    Level before = http.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    http.setLevel(Level.INFO);
    try {
      JsonObject order = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
      order.getJsonObject("citizen").put("name", "Phạm Thị Riêng Tư").put("phone", "0987111222");
      String id = desk.books(order).json().getString("id");
      desk.order(id);
      desk.books(order.copy().put("feeToCollect", -5));
      app.http().get("/api/v1/orders?dossierCode=" + order.getString("dossierCode"), desk.key());
    } finally {
      http.setLevel(before);
      root.detachAppender(captured);
    }

    String logs = captured.list.stream().map(ILoggingEvent::getFormattedMessage)
        .collect(Collectors.joining("\n"));
    assertThat(logs).contains("event=http").contains("request_id=").contains("status=201")
        .contains("status=422");
    assertThat(logs).doesNotContain("Riêng Tư").doesNotContain("0987111222")
        .doesNotContain("84987111222").doesNotContain("Tràng Tiền").doesNotContain(desk.key())
        .doesNotContain("dossierCode=");
  }
}

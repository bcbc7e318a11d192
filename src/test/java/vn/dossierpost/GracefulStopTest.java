package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.EmbeddedDatabase;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Postmaster;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.ServiceProcess;

/**
 * SIGTERM stops the service cleanly: it stops listening at once, answers the requests it is in
 * the middle of, and shuts its embedded database down before it exits.
 */
class GracefulStopTest {

  /** The JVM's exit code after SIGTERM once its shutdown hooks have run: 128 + 15. */
  private static final int EXIT_AFTER_SIGTERM = 143;

  @TempDir
  Path dataDir;

  @Test
  void onSigtermNewConnectionsAreRefusedARequestInProgressIsAnsweredAndTheDatabaseStops()
      throws Exception {
    int port = ServiceProcess.freePort();
    ServiceProcess service = ServiceProcess.start(dataDir, port,
        Map.of("DP_SIMULATOR_AUTOPLAY", "false", "DP_SIMULATOR_PUSH", "false"));
    ProcessHandle postmaster = null;
    try (Socket upload = new Socket()) {
      postmaster = Postmaster.of(dataDir).orElseThrow();
      assertThat(Postmaster.ended(postmaster)).as("the postmaster has ended").isFalse();
      upload.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      upload.setSoTimeout(60_000);
      // A booking whose body is half sent: the request is in progress until the test sends the rest.
      byte[] body = Samples.order(Samples.dossierCode(service.value("DP_DEMO_OFFICE")), "DELIVERY")
          .toBuffer().getBytes();
      OutputStream out = upload.getOutputStream();
      out.write(("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + "Authorization: Bearer " + service.value("DP_DEMO_DESK_KEY") + "\r\n"
          + "Content-Type: application/json\r\nIdempotency-Key: slow-upload\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();

      service.terminate();

      // While the upload is unfinished the process cannot have ended: a refusal is the listener's.
      Eventually.within(Duration.ofSeconds(20), () ->
          assertThat(connects(port)).as("a new connection after SIGTERM").isFalse());
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      String[] answer = new String(upload.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .split("\r\n\r\n", 2);
      assertThat(answer[0] + "\r\n").startsWith("HTTP/1.1 201").containsIgnoringCase(
          "\r\ncontent-length: " + answer[1].getBytes(StandardCharsets.UTF_8).length + "\r\n");
      JsonObject order = new JsonObject(answer[1]);
      assertThat(order.getString("status")).isEqualTo("CREATED");

      assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(EXIT_AFTER_SIGTERM);
      assertThat(service.output()).anyMatch(line -> line.contains("event=stopped"))
          .noneMatch(line -> line.contains("event=shutdown_failed"));
      assertThat(Postmaster.ended(postmaster)).as("the postmaster has ended").isTrue();
      assertThat(dataDir.resolve("pg").resolve("postmaster.pid")).doesNotExist();
      assertThat(ordersWithId(order.getString("id"))).as("the order answered is stored").isEqualTo(1);
    } finally {
      service.stop();
      if (postmaster != null && !Postmaster.ended(postmaster)) {
        postmaster.destroy(); // left behind: stop it, as the next start of the service would
      }
    }
  }

  private static boolean connects(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** Opens the data directory again, as the next start would, and counts the order. */
  private long ordersWithId(String id) throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
      DatabaseTarget target = database.target();
      try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
           PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM orders WHERE id = ?::uuid")) {
        st.setString(1, id);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }
  }
}

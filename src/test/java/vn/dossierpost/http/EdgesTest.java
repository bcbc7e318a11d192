package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/** The edges of the HTTP surface answer like the rest of it: problem+json, private, exact. */
class EdgesTest {

  private final TestApp app = TestApp.shared();
  private final int port = URI.create(app.baseUrl()).getPort();

  @Test
  void everyJsonAnswerIsNotStoredAndNotSniffed() {
    Desk desk = new Desk(app, app.newOffice());
    Http.Response health = app.http().get("/health", null);
    Http.Response list = desk.list("");
    Http.Response problem = app.http().get("/nowhere", null);
    Http.Response unauthorized = app.http().get("/api/v1/orders", null);

    for (Http.Response r : new Http.Response[] {health, list, problem, unauthorized}) {
      assertThat(r.header("Content-Type")).contains("json");
      assertThat(r.header("Cache-Control")).as(r.toString()).isEqualTo("no-store");
      assertThat(r.header("X-Content-Type-Options")).as(r.toString()).isEqualTo("nosniff");
    }
  }

  @Test
  void onlySlashTSlashTokenReachesTheTrackingPage() {
    Http.Response tracking = app.http().send(HttpMethod.GET, "/t/" + "Z".repeat(27), null, null,
        Map.of("Accept", "application/json"));
    Http.Response lookalike = app.http().send(HttpMethod.GET, "/tracking", null, null,
        Map.of("Accept", "application/json"));
    Http.Response bare = app.http().send(HttpMethod.GET, "/tx", null, null, Map.of());

    assertThat(tracking.status()).isEqualTo(404);
    assertThat(tracking.header("X-Robots-Tag")).isNotNull(); // the tracking page's own answer
    for (Http.Response r : new Http.Response[] {lookalike, bare}) {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.header("X-Robots-Tag")).isNull();
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.json().getString("title")).isEqualTo("Not found");
    }
  }

  @Test
  void aTooLongUriIsA414Problem() throws Exception {
    String answer = raw("GET /api/v1/orders?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");

    assertThat(answer).matches("(?s)HTTP/1\\.[01] 414 .*").contains("application/problem+json")
        .contains("\"type\":\"/problems/uri-too-long\"").contains("nosniff");
  }

  @Test
  void tooLargeHeadersAreA431Problem() throws Exception {
    String answer = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

    assertThat(answer).matches("(?s)HTTP/1\\.[01] 431 .*").contains("application/problem+json")
        .contains("\"type\":\"/problems/header-fields-too-large\"");
  }

  @Test
  void aMalformedRequestLineIsA400Problem() throws Exception {
    String answer = raw("THIS IS NOT HTTP\r\n\r\n");

    assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*").contains("application/problem+json")
        .contains("\"type\":\"/problems/bad-request\"");
  }

  @Test
  void anEmptyIdempotencyKeyIsRefused() {
    Desk desk = new Desk(app, app.newOffice());
    for (String empty : new String[] {"\"\"", " ", "\" \""}) {
      JsonObject order = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
      Http.Response response = app.http().post("/api/v1/orders", desk.key(), order,
          Map.of("Idempotency-Key", empty));

      assertThat(response.status()).as(empty).isEqualTo(400);
      assertThat(response.json().getString("type")).isEqualTo("/problems/idempotency-key-empty");
    }
  }

  private String raw(String request) throws Exception {
    try (RawSocket socket = RawSocket.open(port)) {
      socket.send(request);
      return socket.readUntilClosed();
    }
  }
}

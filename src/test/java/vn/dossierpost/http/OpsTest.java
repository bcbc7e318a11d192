package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

class OpsTest {

  private final TestApp app = TestApp.shared();

  @Test
  void healthAnswersWithoutAKey() {
    Http.Response response = app.http().get("/health", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessChecksTheDatabaseAndItsMigrations() {
    Http.Response response = app.http().get("/ready", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getString("status")).isEqualTo("READY");
    assertThat(response.json().getString("schema")).isEqualTo(response.json().getString("expectedSchema"));
  }

  @Test
  void metricsArePrometheusTextWithHttpPoolOutboxAndJvmSeries() {
    new Desk(app, app.newOffice()).booked("DELIVERY");

    Http.Response response = app.http().get("/metrics", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/plain");
    assertThat(response.text())
        .contains("vertx_http_server_requests_total")
        .contains("vertx_pool_in_use{pool_name=\"dossier-post\",pool_type=\"sql\"}")
        .contains("outbox_pending_jobs")
        .contains("jvm_memory_used_bytes")
        .doesNotContain("remote=");
  }

  @Test
  void everyAnswerCarriesARequestIdAndAcceptsASaneIncomingOne() {
    Http.Response generated = app.http().get("/health", null);
    Http.Response echoed = app.http().send(io.vertx.core.http.HttpMethod.GET, "/health", null, null,
        java.util.Map.of("X-Request-Id", "trace-1234-abcd"));
    Http.Response refused = app.http().send(io.vertx.core.http.HttpMethod.GET, "/health", null, null,
        java.util.Map.of("X-Request-Id", "bad id with spaces"));

    assertThat(generated.header("X-Request-Id")).matches("[0-9a-f]{16}");
    assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-1234-abcd");
    assertThat(refused.header("X-Request-Id")).matches("[0-9a-f]{16}");
  }

  @Test
  void anUnknownPathIsAProblem404AndAWrongMethodAProblem405() {
    Http.Response missing = app.http().get("/nowhere", null);
    Http.Response wrongMethod = app.http().send(io.vertx.core.http.HttpMethod.DELETE, "/health",
        null, null, java.util.Map.of());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.json().getString("type")).isEqualTo("/problems/method-not-allowed");
  }
}

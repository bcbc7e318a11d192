package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** Overload answers quickly: 503 past the in-flight bound, 429 past a key's rate. */
@ExtendWith(VertxExtension.class)
class LimitsTest {

  @Test
  void pastTheInFlightBoundTheAnswerIsAnImmediate503WithRetryAfter(Vertx vertx) {
    // Filled on the server's event loop, read on the test's thread.
    List<Promise<String>> held = new CopyOnWriteArrayList<>();
    Router router = Router.router(vertx);
    router.route().handler(InflightLimit.create(new AtomicInteger(), 2, Tally.create(), 100));
    router.get("/slow").respond(ctx -> {
      Promise<String> promise = Promise.promise();
      held.add(promise);
      return promise.future();
    });
    router.route().failureHandler(FailureHandler.create());
    HttpServer server = TestApp.await(vertx.createHttpServer().requestHandler(router).listen(0));
    WebClient client = WebClient.create(vertx);
    String url = "http://localhost:" + server.actualPort() + "/slow";

    Future<HttpResponse<Buffer>> first = client.getAbs(url).send();
    Future<HttpResponse<Buffer>> second = client.getAbs(url).send();
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(held).hasSize(2));
    HttpResponse<Buffer> third = TestApp.await(client.getAbs(url).send());
    held.forEach(p -> p.complete("done"));

    assertThat(third.statusCode()).isEqualTo(503);
    assertThat(third.getHeader("Retry-After")).isEqualTo("1");
    assertThat(third.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(TestApp.await(first).statusCode()).isEqualTo(200);
    assertThat(TestApp.await(second).statusCode()).isEqualTo(200);
  }

  @Test
  void aKeyThatGoesTooFastIsToldToSlowDownWith429() {
    try (TestApp app = TestApp.start(Map.of("DP_RATE_LIMIT_PER_MINUTE", "60"))) {
      Desk desk = new Desk(app, app.newOffice());
      List<Integer> statuses = new ArrayList<>();
      Http.Response last = null;
      for (int i = 0; i < 40; i++) {
        last = desk.list("");
        statuses.add(last.status());
      }

      assertThat(statuses.subList(0, 20)).containsOnly(200);
      assertThat(statuses).contains(429);
      assertThat(last.status()).isEqualTo(429);
      assertThat(Integer.parseInt(last.header("Retry-After"))).isPositive();
      assertThat(last.json().getString("type")).isEqualTo("/problems/rate-limited");
    }
  }
}

package vn.dossierpost.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

class IdempotencyTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Db db = new Db(app.services().pool());

  @Test
  void returnsTheSameOrderWhenTheIdempotencyKeyIsReused() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    Http.Response first = desk.books(request, "key-1");

    Http.Response again = desk.books(request, "key-1");

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", desk.office())).isEqualTo(1);
  }

  @Test
  void aRequestThatMeansTheSameIsAReplayEvenIfWrittenDifferently() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    desk.books(request, "key-2");
    JsonObject sameMeaning = request.copy();
    sameMeaning.getJsonObject("citizen").put("phone", "+84912345678");

    assertThat(desk.books(sameMeaning, "key-2").header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void reusingAKeyWithADifferentBodyIsA422AndChangesNothing() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    desk.books(request, "key-3");
    long before = db.footprint(desk.office());

    Http.Response response = desk.books(request.copy().put("feeToCollect", 1), "key-3");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getString("type")).isEqualTo("/problems/idempotency-key-reused");
    assertThat(db.footprint(desk.office())).isEqualTo(before);
  }

  @Test
  void aMissingKeyIsA400() {
    Http.Response response = app.http().post("/api/v1/orders", desk.key(),
        Samples.order(Samples.dossierCode(desk.office()), "DELIVERY"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getString("type")).isEqualTo("/problems/idempotency-key-missing");
    assertThat(db.footprint(desk.office())).isZero();
  }

  @Test
  void aRetryWhileTheFirstIsStillRunningIsA409() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    OrderRequest parsed = OrderValidator.read(request);
    TestApp.await(app.services().idempotency().reserve(desk.office(), "key-4", parsed.fingerprint()));

    Http.Response response = desk.books(request, "key-4");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getString("type")).isEqualTo("/problems/idempotency-key-in-flight");
    assertThat(response.header("Retry-After")).isEqualTo("1");
  }

  @Test
  void aKeyLeftInFlightByACrashedRequestIsTakenOverOnceItsLockExpires() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    OrderRequest parsed = OrderValidator.read(request);
    TestApp.await(app.services().idempotency().reserve(desk.office(), "key-5", parsed.fingerprint()));
    db.exec("UPDATE idempotency_keys SET locked_until = now() - interval '1 second' "
        + "WHERE scope = $1 AND key = 'key-5'", desk.office());

    Http.Response response = desk.books(request, "key-5");

    assertThat(response.status()).isEqualTo(201);
    String id = response.json().getString("id");
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", desk.office())).isEqualTo(1);
    var key = db.one("SELECT state, locked_until, response_status, response_body->>'id' FROM idempotency_keys "
        + "WHERE scope = $1 AND key = 'key-5'", desk.office());
    assertThat(key.getString(0)).isEqualTo("DONE");
    assertThat(key.getValue(1)).isNull();
    assertThat(key.getInteger(2)).isEqualTo(201);
    assertThat(key.getString(3)).isEqualTo(id);
    Http.Response replay = desk.books(request, "key-5");
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.json().getString("id")).isEqualTo(id);
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyAndOneBodyCreateOneOrderAndOtherwiseWaitOrReplay() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "PICKUP");

    List<HttpResponse<Buffer>> answers = concurrently(20, "same-key", i -> request);

    assertThat(answers).filteredOn(a -> a.statusCode() == 201 && a.getHeader("Idempotent-Replayed") == null)
        .hasSize(1);
    String id = db.one("SELECT id::text FROM orders WHERE office_code = $1", desk.office()).getString(0);
    for (HttpResponse<Buffer> answer : answers) {
      if (answer.statusCode() == 201) {
        assertThat(answer.bodyAsJsonObject().getString("id")).isEqualTo(id);
      } else {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(409);
        assertThat(answer.bodyAsJsonObject().getString("type")).isEqualTo("/problems/idempotency-key-in-flight");
      }
    }
    // The booking job is the order's own side effect; callbacks and SMS follow once it has run.
    assertThat(db.count("SELECT count(*) FROM outbox o JOIN orders r ON r.id = o.order_id "
        + "WHERE r.office_code = $1 AND o.kind = 'carrier.book'", desk.office())).isEqualTo(1);
    assertThat(desk.books(request, "same-key").json().getString("id")).isEqualTo(id);
  }

  /**
   * Different dossiers do not meet the one-active-order rule, so only the key's lock can keep
   * these to one order: without it each request would create its own.
   */
  @Test
  void twentyConcurrentRequestsWithOneKeyAndDifferentDossiersCreateExactlyOneOrder() {
    List<JsonObject> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(Samples.order(Samples.dossierCode(desk.office()), "DELIVERY"));
    }

    List<HttpResponse<Buffer>> answers = concurrently(20, "one-key", requests::get);

    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", desk.office())).isEqualTo(1);
    assertThat(answers).filteredOn(a -> a.statusCode() == 201).hasSize(1);
    for (HttpResponse<Buffer> answer : answers) {
      if (answer.statusCode() != 201) {
        assertThat(answer.bodyAsJsonObject().getString("type")).as(answer.bodyAsString())
            .isIn("/problems/idempotency-key-in-flight", "/problems/idempotency-key-reused");
      }
    }
    assertThat(db.one("SELECT state FROM idempotency_keys WHERE scope = $1 AND key = 'one-key'",
        desk.office()).getString(0)).isEqualTo("DONE");
  }

  private List<HttpResponse<Buffer>> concurrently(int n, String key,
      java.util.function.IntFunction<JsonObject> body) {
    WebClient client = WebClient.create(app.app().vertx(), new io.vertx.ext.web.client.WebClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(n));
    try {
      List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sent.add(client.postAbs(app.baseUrl() + "/api/v1/orders")
            .putHeader("Authorization", "Bearer " + desk.key())
            .putHeader("Idempotency-Key", key)
            .putHeader("Content-Type", "application/json")
            .sendJsonObject(body.apply(i)));
      }
      TestApp.await(Future.join(sent));
      return sent.stream().map(Future::result).toList();
    } finally {
      client.close();
    }
  }

  @Test
  void keysAreScopedToTheOffice() {
    Desk other = new Desk(app, app.newOffice());
    desk.books(Samples.order(Samples.dossierCode(desk.office()), "DELIVERY"), "shared-key");

    Http.Response response = other.books(Samples.order(Samples.dossierCode(other.office()), "DELIVERY"),
        "shared-key");

    assertThat(response.status()).isEqualTo(201);
  }

  @Test
  void aFailedRequestReleasesItsKey() {
    String dossier = Samples.dossierCode(desk.office());
    desk.books(Samples.order(dossier, "DELIVERY"), "first");
    Http.Response conflict = desk.books(Samples.order(dossier, "DELIVERY"), "second");
    assertThat(conflict.status()).isEqualTo(409);

    assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE scope = $1 AND key = 'second'",
        desk.office())).isZero();
  }
}

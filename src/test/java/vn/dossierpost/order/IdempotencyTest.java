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
  }

  @Test
  void twentyConcurrentRequestsWithOneKeyCreateExactlyOneOrder() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "PICKUP");
    WebClient client = WebClient.create(app.app().vertx(), new io.vertx.ext.web.client.WebClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(20));
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(client.postAbs(app.baseUrl() + "/api/v1/orders")
          .putHeader("Authorization", "Bearer " + desk.key())
          .putHeader("Idempotency-Key", "same-key")
          .putHeader("Content-Type", "application/json")
          .sendJsonObject(request));
    }
    TestApp.await(Future.join(sent));

    List<Integer> statuses = sent.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses).isSubsetOf(201, 409).contains(201);
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", desk.office())).isEqualTo(1);
    // The booking job is the order's own side effect; callbacks and SMS follow once it has run.
    assertThat(db.count("SELECT count(*) FROM outbox o JOIN orders r ON r.id = o.order_id "
        + "WHERE r.office_code = $1 AND o.kind = 'carrier.book'", desk.office())).isEqualTo(1);
    String id = db.one("SELECT id::text FROM orders WHERE office_code = $1", desk.office()).getString(0);
    sent.stream().filter(f -> f.result().statusCode() == 201)
        .forEach(f -> assertThat(f.result().bodyAsJsonObject().getString("id")).isEqualTo(id));
    assertThat(desk.books(request, "same-key").json().getString("id")).isEqualTo(id);
    client.close();
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

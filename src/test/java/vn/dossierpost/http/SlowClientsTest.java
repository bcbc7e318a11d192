package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.MetricsPage;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * Hostile clients on real sockets: floods of slow bodies and slow heads do not take the service
 * from anyone else, slow clients are cut off, and no client holds more than its share.
 */
@ExtendWith(VertxExtension.class)
@Timeout(120)
class SlowClientsTest {

  private static final int FLOOD = 300;
  private static TestApp app;
  private static int port;

  @BeforeAll
  static void start() {
    // Far fewer request slots than attackers: before the fix, this flood made everything 503.
    app = TestApp.start(Map.of("DP_MAX_INFLIGHT", "50", "DP_MAX_INFLIGHT_PER_CLIENT", "4",
        "DP_MAX_CONNECTIONS_PER_ADDRESS", "1000", "DP_HTTP_HEADER_TIMEOUT_MS", "500",
        "DP_HTTP_BODY_TIMEOUT_MS", "4000", "DP_HTTP_IDLE_TIMEOUT_SECONDS", "2"));
    port = URI.create(app.baseUrl()).getPort();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aFloodOfSlowBodiesLeavesEveryoneElseServedAndEachGetsA408() throws Exception {
    Desk desk = new Desk(app, app.newOffice());
    List<RawSocket> flood = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      RawSocket socket = RawSocket.open(port);
      socket.send("POST /api/v1/carrier/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100000\r\n\r\n{");
      flood.add(socket);
    }
    try (Dribble dribble = Dribble.start(flood, " ")) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        statuses.add(app.http().get("/health", null).status());
        statuses.add(desk.list("").status());
      }

      assertThat(statuses).containsOnly(200);
      for (RawSocket socket : flood) {
        String answer = socket.readUntilClosed();
        assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
            .contains("/problems/request-timeout").doesNotContain("<still open>");
      }
      assertThat(MetricsPage.sum(app, "http_connections_cut_total", "reason=\"body_timeout\""))
          .isGreaterThanOrEqualTo(FLOOD);
    } finally {
      flood.forEach(RawSocket::close);
    }
  }

  @Test
  void aFloodOfSlowHeadsLeavesEveryoneElseServedAndIsClosedUnanswered() throws Exception {
    Desk desk = new Desk(app, app.newOffice());
    List<RawSocket> flood = new ArrayList<>();
    for (int i = 0; i < FLOOD; i++) {
      RawSocket socket = RawSocket.open(port);
      socket.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Dribble: a");
      flood.add(socket);
    }
    try (Dribble dribble = Dribble.start(flood, "a")) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        statuses.add(app.http().get("/health", null).status());
        statuses.add(desk.list("").status());
      }

      assertThat(statuses).containsOnly(200);
      for (RawSocket socket : flood) {
        assertThat(socket.readUntilClosed()).isEmpty();
      }
      assertThat(MetricsPage.sum(app, "http_connections_cut_total", "reason=\"header_timeout\""))
          .isGreaterThanOrEqualTo(FLOOD);
    } finally {
      flood.forEach(RawSocket::close);
    }
  }

  /** Sends a byte on every socket every 200 ms, as an attacker keeping them alive would. */
  private record Dribble(Thread thread) implements AutoCloseable {

    static Dribble start(List<RawSocket> sockets, String text) {
      Thread thread = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          sockets.forEach(s -> s.send(text));
          try {
            Thread.sleep(200);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }, "dribble");
      thread.setDaemon(true);
      thread.start();
      return new Dribble(thread);
    }

    @Override
    public void close() throws InterruptedException {
      thread.interrupt();
      thread.join(5_000);
    }
  }

  @Test
  void aConnectionLeftIdleAfterItsAnswerIsClosed() throws Exception {
    try (RawSocket socket = RawSocket.open(port)) {
      socket.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

      assertThat(socket.readResponse()).startsWith("HTTP/1.1 200");
      assertThat(socket.readUntilClosed()).isEmpty();
    }
  }

  @Test
  void aKeptAliveConnectionServesSeveralRequests() throws Exception {
    try (RawSocket socket = RawSocket.open(port)) {
      for (int i = 0; i < 3; i++) {
        socket.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(socket.readResponse()).startsWith("HTTP/1.1 200");
      }
    }
  }

  @Test
  void pastItsConnectionsPerAddressANewConnectionIsClosedAtOnce(Vertx vertx) throws Exception {
    Tally connections = Tally.create();
    ConnectionGuard guard = ConnectionGuard.create(vertx, connections, 3, Duration.ofSeconds(30),
        Duration.ofSeconds(30), Duration.ofSeconds(30), new SimpleMeterRegistry());
    HttpServer server = TestApp.await(vertx.createHttpServer()
        .connectionHandler(guard::connected)
        .requestHandler(request -> {
          if (guard.arrived(request)) {
            request.response().end("ok");
          }
        }).listen(0));
    List<RawSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        held.add(RawSocket.open(server.actualPort()));
        held.get(i).send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(held.get(i).readResponse()).startsWith("HTTP/1.1 200");
      }
      try (RawSocket fourth = RawSocket.open(server.actualPort());
          RawSocket otherAddress = RawSocket.open("127.0.0.2", server.actualPort())) {
        fourth.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        otherAddress.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(fourth.readUntilClosed()).isEmpty();
        assertThat(otherAddress.readResponse()).startsWith("HTTP/1.1 200");
      }
      held.remove(0).close();
      Eventually.within(Duration.ofSeconds(10), () -> {
        try (RawSocket again = RawSocket.open(server.actualPort())) {
          again.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
          assertThat(again.readResponse()).startsWith("HTTP/1.1 200");
        } catch (java.io.IOException closed) {
          throw new AssertionError(closed);
        }
      });
    } finally {
      held.forEach(RawSocket::close);
      TestApp.await(server.close());
    }
  }

  @Test
  void aClientAtItsInFlightBoundGets429WhileAnotherClientIsServed(Vertx vertx) {
    // Filled on the server's event loop, read on the test's thread.
    List<Promise<String>> held = new CopyOnWriteArrayList<>();
    Router router = Router.router(vertx);
    router.route().handler(InflightLimit.create(new AtomicInteger(), 100, Tally.create(), 2));
    router.get("/slow").respond(ctx -> {
      if (ctx.request().remoteAddress().hostAddress().equals("127.0.0.1")) {
        return Future.succeededFuture("quick");
      }
      Promise<String> promise = Promise.promise();
      held.add(promise);
      return promise.future();
    });
    router.route().failureHandler(FailureHandler.create());
    HttpServer server = TestApp.await(vertx.createHttpServer().requestHandler(router).listen(0));
    WebClient greedy = WebClient.create(vertx, new WebClientOptions().setLocalAddress("127.0.0.2"));
    WebClient other = WebClient.create(vertx);
    String url = "http://127.0.0.1:" + server.actualPort() + "/slow";

    Future<HttpResponse<Buffer>> first = greedy.getAbs(url).send();
    Future<HttpResponse<Buffer>> second = greedy.getAbs(url).send();
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(held).hasSize(2));
    HttpResponse<Buffer> third = TestApp.await(greedy.getAbs(url).send());
    HttpResponse<Buffer> elsewhere = TestApp.await(other.getAbs(url).send());
    held.forEach(p -> p.complete("done"));

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.getHeader("Retry-After")).isEqualTo("1");
    assertThat(third.bodyAsJsonObject().getString("type")).isEqualTo("/problems/too-many-in-progress");
    assertThat(elsewhere.statusCode()).isEqualTo(200);
    assertThat(TestApp.await(first).statusCode()).isEqualTo(200);
    assertThat(TestApp.await(second).statusCode()).isEqualTo(200);
  }

  @Test
  void aKeyAtItsInFlightBoundGets429WhileAnotherKeyIsServed() throws Exception {
    Desk greedy = new Desk(app, app.newOffice());
    Desk other = new Desk(app, app.newOffice());
    // Bookings wait on this lock, so the greedy key's four stay in progress.
    SqlConnection lock = TestApp.await(app.services().pool().getConnection());
    Transaction tx = TestApp.await(lock.begin());
    TestApp.await(lock.query("LOCK TABLE orders IN SHARE ROW EXCLUSIVE MODE").execute());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Http.Response>> held = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        held.add(threads.submit(() -> greedy.books(
            Samples.order(Samples.dossierCode(greedy.office()), "DELIVERY"))));
      }
      Eventually.within(Duration.ofSeconds(30), () -> assertThat(TestApp.await(lock.query(
              "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'orders'::regclass")
          .execute()).iterator().next().getLong(0)).isEqualTo(4));

      Http.Response fifth = greedy.books(Samples.order(Samples.dossierCode(greedy.office()), "DELIVERY"));
      Http.Response elsewhere = other.list("");
      TestApp.await(tx.rollback());

      assertThat(fifth.status()).isEqualTo(429);
      assertThat(fifth.header("Retry-After")).isEqualTo("1");
      assertThat(fifth.json().getString("type")).isEqualTo("/problems/too-many-in-progress");
      assertThat(elsewhere.status()).isEqualTo(200);
      for (java.util.concurrent.Future<Http.Response> booking : held) {
        assertThat(booking.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
      }
    } finally {
      threads.shutdownNow();
      lock.close();
    }
  }
}

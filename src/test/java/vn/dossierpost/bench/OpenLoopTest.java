package vn.dossierpost.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's open-loop generator counts what it should, whatever the answers look like. */
class OpenLoopTest {

  private Vertx vertx;
  private HttpServer server;
  private final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      int n = received.incrementAndGet();
      switch (req.path()) {
        // every other request fails
        case "/alternate" -> req.response().setStatusCode(n % 2 == 0 ? 500 : 200).end("x".repeat(3_000));
        // a chunked answer, in pieces
        case "/chunked" -> {
          req.response().setChunked(true).write("first part, ");
          vertx.setTimer(2, t -> req.response().end("second part"));
        }
        // the first 100 requests 300 ms late, the others at once
        case "/slow-start" -> vertx.setTimer(n <= 100 ? 300 : 1, t -> req.response().end("ok"));
        // every answer 40 ms late
        default -> vertx.setTimer(40, t -> req.response().end("late"));
      }
    }).listen(0, "localhost").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HttpLoad.Result run(String path, double rate) {
    byte[] request = OpenLoop.get("localhost", server.actualPort(), path, "");
    return OpenLoop.run("localhost", server.actualPort(), n -> request, rate, Duration.ofSeconds(2), 16);
  }

  @Test
  void sendsRateTimesDurationAndCountsNon2xxAsErrors() {
    HttpLoad.Result result = run("/alternate", 200);

    assertThat(result.requests()).isEqualTo(400);
    assertThat(received).hasValue(400);
    assertThat(result.errors()).isEqualTo(200);
    assertThat(result.seconds()).as("not sent ahead of schedule").isGreaterThanOrEqualTo(1.9);
  }

  @Test
  void readsChunkedAnswersToTheirEnd() {
    HttpLoad.Result result = run("/chunked", 100);

    assertThat(result.requests()).isEqualTo(200);
    assertThat(result.errors()).isZero();
    assertThat(result.p50Ms()).isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void aWarmUpAtTheSameRateIsSentButLeftOutOfTheResult() {
    byte[] request = OpenLoop.get("localhost", server.actualPort(), "/slow-start", "");
    OpenLoop.Warmed warmed = OpenLoop.run("localhost", server.actualPort(), n -> request, 200,
        Duration.ofSeconds(1), Duration.ofSeconds(2), 64);

    assertThat(received).as("warm-up and run").hasValue(600);
    HttpLoad.Result result = warmed.run();
    // Counted by when each request was due: the warm-up's 200 (the slow ones among them) in its
    // own histogram, the run's 400 in the result.
    assertThat(result.requests()).isEqualTo(400);
    assertThat(warmed.warmup().requests()).isEqualTo(200);
    assertThat(warmed.warmup().maxMs()).as("the slow start is in the warm-up").isGreaterThan(290);

    received.set(0);
    HttpLoad.Result unwarmed = run("/slow-start", 200);
    assertThat(unwarmed.maxMs()).as("without a warm-up it is counted").isGreaterThan(290);
  }

  @Test
  void latencyCountsFromTheScheduledTimeEvenWhenConnectionsRunOut() {
    // 16 connections, answers 40 ms late: at most 400 answers a second, and 1,000 are asked for,
    // so requests wait for a connection; that wait is latency too (no coordinated omission).
    HttpLoad.Result result = run("/late", 1_000);

    assertThat(result.requests()).isEqualTo(2_000);
    assertThat(result.p50Ms()).isGreaterThan(500);
    assertThat(result.maxMs()).isGreaterThan(2_000);
  }
}

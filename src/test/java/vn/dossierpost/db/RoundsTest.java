package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Eventually;

class RoundsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aTickWhileARoundRunsIsSkippedAndTheNextRoundStartsAfterIt() {
    AtomicInteger started = new AtomicInteger();
    AtomicReference<Promise<Void>> current = new AtomicReference<>();
    AtomicReference<Rounds> rounds = new AtomicReference<>();
    vertx.runOnContext(v -> rounds.set(Rounds.every(vertx, Duration.ofMillis(5), () -> {
      started.incrementAndGet();
      Promise<Void> p = Promise.promise();
      current.set(p);
      return p.future();
    })));

    Eventually.within(Duration.ofSeconds(5), () -> {
      assertThat(rounds.get()).isNotNull();
      assertThat(rounds.get().skipped()).isGreaterThan(3);
    });
    assertThat(started.get()).isEqualTo(1);

    vertx.runOnContext(v -> current.get().complete());
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(started.get()).isEqualTo(2));
  }

  @Test
  void aRoundThatThrowsDoesNotStopTheNext() {
    AtomicInteger started = new AtomicInteger();
    vertx.runOnContext(v -> Rounds.every(vertx, Duration.ofMillis(5), () -> {
      if (started.incrementAndGet() == 1) {
        throw new IllegalStateException("first round fails");
      }
      return Future.succeededFuture();
    }));
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(started.get()).isGreaterThan(2));
  }

  @Test
  void cancelledRoundsRunNoMore() {
    AtomicInteger started = new AtomicInteger();
    AtomicReference<Rounds> rounds = new AtomicReference<>();
    vertx.runOnContext(v -> rounds.set(Rounds.every(vertx, Duration.ofMillis(5), () -> {
      started.incrementAndGet();
      return Future.succeededFuture();
    })));
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(started.get()).isGreaterThan(1));
    AtomicInteger atCancel = new AtomicInteger();
    vertx.runOnContext(v -> {
      rounds.get().cancel();
      atCancel.set(started.get());
    });
    // Positive control: a probe on the same interval ticks ten times after the cancel.
    AtomicInteger probe = new AtomicInteger();
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(atCancel.get()).isPositive());
    vertx.setPeriodic(5, id -> probe.incrementAndGet());
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(probe.get()).isGreaterThanOrEqualTo(10));
    assertThat(started.get()).isEqualTo(atCancel.get());
  }

  @Test
  void afterARoundFailsBecauseTheDatabaseIsAwayTheNextWaitsForTheBackoffNotTheNextTick() {
    java.util.List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.runOnContext(v -> Rounds.every(vertx, "test", Duration.ofMillis(5), Duration.ofMillis(5), () -> {
      starts.add(System.nanoTime());
      return starts.size() == 1
          ? Future.failedFuture(new java.net.ConnectException("Connection refused"))
          : Future.succeededFuture();
    }));

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(starts).hasSizeGreaterThan(2));
    assertThat((starts.get(1) - starts.get(0)) / 1_000_000).as("ms before the round after the failure")
        .isGreaterThanOrEqualTo(200);
  }

  @Test
  void aRoundThatFailsForItsOwnSakeDoesNotDelayTheNext() {
    AtomicInteger started = new AtomicInteger();
    vertx.runOnContext(v -> Rounds.every(vertx, "test", Duration.ofMillis(5), Duration.ofMillis(5), () ->
        started.incrementAndGet() < 5 ? Future.failedFuture(new IllegalStateException("bug")) : Future.succeededFuture()));
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(started.get()).isGreaterThan(5));
  }
}

package vn.dossierpost.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background round run at a fixed interval, never two at once: a tick that finds the last
 * round still running is skipped, so a slow database is not handed a growing pile of them. Use
 * from one verticle's context.
 */
public final class Rounds {

  private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);

  private final Vertx vertx;
  private final long timer;
  private final Backoff backoff;
  private boolean running;
  private int skipped;
  /** While the database is away, no round starts before this ({@link System#nanoTime}). */
  private long resumeAt = System.nanoTime();

  private Rounds(Vertx vertx, String name, Duration first, Duration every, Supplier<Future<?>> round) {
    this.vertx = vertx;
    this.backoff = Backoff.database(LOG, name);
    this.timer = vertx.setPeriodic(Math.max(1, first.toMillis()), Math.max(1, every.toMillis()), id -> {
      if (running) {
        skipped++;
        return;
      }
      if (System.nanoTime() - resumeAt < 0) {
        return;
      }
      running = true;
      Future<?> f;
      try {
        f = round.get();
      } catch (RuntimeException e) {
        running = false;
        throw e;
      }
      f.onComplete(ar -> {
        running = false;
        if (ar.succeeded()) {
          backoff.succeeded();
        } else if (Outage.is(ar.cause())) {
          resumeAt = System.nanoTime() + backoff.failed(ar.cause()).toNanos();
        }
      });
    });
  }

  /**
   * Runs {@code round} after {@code first}, then every {@code every}; while the database is away
   * (a round failed with an {@link Outage}) rounds back off, and {@code name} is logged once when
   * that starts and once when it ends.
   */
  public static Rounds every(Vertx vertx, String name, Duration first, Duration every,
      Supplier<Future<?>> round) {
    return new Rounds(vertx, name, first, every, round);
  }

  /** Runs {@code round} after {@code first}, then every {@code every}. */
  public static Rounds every(Vertx vertx, Duration first, Duration every, Supplier<Future<?>> round) {
    return new Rounds(vertx, "round", first, every, round);
  }

  /** Runs {@code round} every {@code every}, the first time after one interval. */
  public static Rounds every(Vertx vertx, Duration every, Supplier<Future<?>> round) {
    return new Rounds(vertx, "round", every, every, round);
  }

  /** Ticks that found the previous round still running. */
  public int skipped() {
    return skipped;
  }

  public void cancel() {
    vertx.cancelTimer(timer);
  }
}

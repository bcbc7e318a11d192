package vn.dossierpost.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A background round run at a fixed interval, never two at once: a tick that finds the last
 * round still running is skipped, so a slow database is not handed a growing pile of them. Use
 * from one verticle's context.
 */
public final class Rounds {

  private final Vertx vertx;
  private final long timer;
  private boolean running;
  private int skipped;

  private Rounds(Vertx vertx, Duration first, Duration every, Supplier<Future<?>> round) {
    this.vertx = vertx;
    this.timer = vertx.setPeriodic(Math.max(1, first.toMillis()), Math.max(1, every.toMillis()), id -> {
      if (running) {
        skipped++;
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
      f.onComplete(ar -> running = false);
    });
  }

  /** Runs {@code round} after {@code first}, then every {@code every}. */
  public static Rounds every(Vertx vertx, Duration first, Duration every, Supplier<Future<?>> round) {
    return new Rounds(vertx, first, every, round);
  }

  /** Runs {@code round} every {@code every}, the first time after one interval. */
  public static Rounds every(Vertx vertx, Duration every, Supplier<Future<?>> round) {
    return new Rounds(vertx, every, every, round);
  }

  /** Ticks that found the previous round still running. */
  public int skipped() {
    return skipped;
  }

  public void cancel() {
    vertx.cancelTimer(timer);
  }
}

package vn.dossierpost.outbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Tells background work when the work that answers clients is saturated, so that it can step
 * aside. Ingest reports each time a request has to wait for a commit (for a slot, or for the
 * spacing between two); the outbox worker then runs only a few jobs at a time until no request
 * has waited for {@code hold}. Side
 * effects are durable in the outbox, so yielding delays them and loses none; the carrier, whose
 * requests time out and are sent again, is answered first.
 */
public final class ForegroundPressure {

  private final long holdNanos;
  private volatile long saturatedUntil;

  public ForegroundPressure(Duration hold) {
    this.holdNanos = hold.toNanos();
    this.saturatedUntil = System.nanoTime();
  }

  /** A foreground request had to wait: background work yields for a while. */
  public void saturated() {
    saturatedUntil = System.nanoTime() + holdNanos;
  }

  /** Whether a foreground request has had to wait within the hold. */
  public boolean isSaturated() {
    return saturatedUntil - System.nanoTime() > 0;
  }

  /** How often {@link #quiet} looks again. */
  private static final long QUIET_CHECK_MILLIS = 100;

  /**
   * Completes once no request has waited within the hold, or after {@code atMost}: background
   * work that pauses on it slows down under load, and still goes on.
   */
  public Future<Void> quiet(Vertx vertx, Duration atMost) {
    return quiet(vertx, atMost.toMillis());
  }

  private Future<Void> quiet(Vertx vertx, long leftMillis) {
    if (!isSaturated() || leftMillis <= 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(QUIET_CHECK_MILLIS).compose(id -> quiet(vertx, leftMillis - QUIET_CHECK_MILLIS));
  }

  /** Never saturated: background work always runs at full concurrency. */
  public static ForegroundPressure none() {
    return new ForegroundPressure(Duration.ZERO);
  }
}

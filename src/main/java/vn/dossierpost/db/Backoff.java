package vn.dossierpost.db;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;

/**
 * The wait of a background loop after a failure: {@code first}, doubling up to {@code max}, each
 * with up to ±{@code jitter} so that loops (and instances) that failed together do not retry in
 * step. It logs once when the loop starts failing and once when it recovers, not per failure.
 * Use from one thread or context.
 */
public final class Backoff {

  private final Logger log;
  private final String loop;
  private final long firstMillis;
  private final long maxMillis;
  private final double jitter;
  private final DoubleSupplier random;
  private int failures;

  Backoff(Logger log, String loop, Duration first, Duration max, double jitter, DoubleSupplier random) {
    this.log = log;
    this.loop = loop;
    this.firstMillis = Math.max(1, first.toMillis());
    this.maxMillis = Math.max(firstMillis, max.toMillis());
    this.jitter = jitter;
    this.random = random;
  }

  /** 250 ms doubling to 5 s, ±20 %: a restarting database is retried within a few seconds. */
  public static Backoff database(Logger log, String loop) {
    return new Backoff(log, loop, Duration.ofMillis(250), Duration.ofSeconds(5), 0.2,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Records a failure and answers how long to wait before the next try. */
  public Duration failed(Throwable cause) {
    failures++;
    if (failures == 1) {
      log.warn("event=loop_failing loop={} outage={} error=\"{}\"", loop, Outage.is(cause),
          cause.getMessage());
    }
    long base = maxMillis;
    if (failures <= 31) {
      base = Math.min(maxMillis, firstMillis << (failures - 1));
    }
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
  }

  /** Records a success; logs the recovery if it had been failing. */
  public void succeeded() {
    if (failures > 0) {
      log.info("event=loop_recovered loop={} failures={}", loop, failures);
      failures = 0;
    }
  }

  /** Failures in a row so far. */
  public int failures() {
    return failures;
  }
}

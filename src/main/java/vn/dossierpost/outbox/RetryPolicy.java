package vn.dossierpost.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, capped; a job is parked as dead after
 * {@code maxAttempts} runs or once {@code giveUpAfter} has passed since it was written.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap, Duration giveUpAfter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(12, Duration.ofSeconds(2), Duration.ofMinutes(10), null);

  /** Delay before run {@code attempt + 1}: uniform in [cap/2, cap] of base·2^(attempt-1). */
  public Duration delayAfter(int attempt) {
    double exp = base.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    long ceiling = (long) Math.min(exp, cap.toMillis());
    long floor = ceiling / 2;
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
  }
}

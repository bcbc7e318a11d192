package vn.dossierpost.outbox;

import java.time.Duration;

/** How a run of a job ended. */
public sealed interface JobResult {

  /** Done: never run again. */
  record Done() implements JobResult {
  }

  /** A transient failure: try again after the policy's backoff (or the given delay). */
  record Retry(String reason, Duration after) implements JobResult {
  }

  /** A permanent failure: park the job as dead at once. */
  record Fail(String reason) implements JobResult {
  }

  /** Not attempted (a circuit is open, quiet hours): wait without using up an attempt. */
  record Defer(String reason, Duration after) implements JobResult {
  }

  /**
   * As {@link Defer}, and meanwhile out of its ordering key's line: the job waits in line of
   * {@code orderingKey} instead, so that the jobs behind it run now. For a job that waits for
   * a reason of its own (an SMS in quiet hours) when those behind it need not (an urgent one).
   */
  record DeferAside(String reason, Duration after, String orderingKey) implements JobResult {
  }

  static JobResult done() {
    return new Done();
  }

  static JobResult retry(String reason) {
    return new Retry(reason, null);
  }

  static JobResult retryAfter(String reason, Duration after) {
    return new Retry(reason, after);
  }

  static JobResult fail(String reason) {
    return new Fail(reason);
  }

  static JobResult defer(String reason, Duration after) {
    return new Defer(reason, after);
  }

  static JobResult deferAside(String reason, Duration after, String orderingKey) {
    return new DeferAside(reason, after, orderingKey);
  }
}

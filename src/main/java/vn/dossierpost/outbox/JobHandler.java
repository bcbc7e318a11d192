package vn.dossierpost.outbox;

import io.vertx.core.Future;

/** Carries out one kind of job. It must be safe to run twice: delivery is at-least-once. */
public interface JobHandler {

  Future<JobResult> handle(ClaimedJob job);

  default RetryPolicy policy() {
    return RetryPolicy.DEFAULT;
  }

  /** A handler with a retry policy of its own. */
  static JobHandler of(java.util.function.Function<ClaimedJob, Future<JobResult>> handle,
      RetryPolicy policy) {
    return new JobHandler() {
      @Override
      public Future<JobResult> handle(ClaimedJob job) {
        return handle.apply(job);
      }

      @Override
      public RetryPolicy policy() {
        return policy;
      }
    };
  }
}

package vn.dossierpost.outbox;

import io.vertx.core.Future;

/** Carries out one kind of job. It must be safe to run twice: delivery is at-least-once. */
public interface JobHandler {

  Future<JobResult> handle(ClaimedJob job);

  default RetryPolicy policy() {
    return RetryPolicy.DEFAULT;
  }
}

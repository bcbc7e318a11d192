package vn.dossierpost.callback;

import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import vn.dossierpost.access.Offices;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.Outbox;

/** Signed callbacks to each office's one-stop system, and their delivery log. */
public final class CallbackFeature implements Feature {

  private final Pool pool;
  private final Outbox outbox;
  private final CallbackJob job;

  public CallbackFeature(Pool pool, Outbox outbox, Offices offices, WebClient client,
      Duration retryBase) {
    this.pool = pool;
    this.outbox = outbox;
    this.job = new CallbackJob(pool, offices, client, Duration.ofSeconds(10), retryBase);
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/callbacks*", CallbackRoutes.router(m.vertx(), pool, outbox));
  }

  @Override
  public Map<String, JobHandler> jobs() {
    return Map.of(CallbackListener.JOB, job);
  }
}

package vn.dossierpost.callback;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import vn.dossierpost.access.Offices;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.http.OutboundTargets;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.Outbox;

/** Signed callbacks to each office's one-stop system, and their delivery log. */
public final class CallbackFeature implements Feature {

  private final Pool pool;
  private final Outbox outbox;
  private final CallbackJob job;

  /**
   * {@code allowPrivate}: {@code DP_CALLBACK_ALLOW_PRIVATE}, callbacks may use http and go to
   * loopback or private addresses (tests, an operator who means it).
   */
  public CallbackFeature(Vertx vertx, Pool pool, Outbox outbox, Offices offices,
      Duration retryBase, boolean allowPrivate) {
    this.pool = pool;
    this.outbox = outbox;
    // A client of its own: a redirect would lead past the address check.
    WebClient client = WebClient.create(vertx, new WebClientOptions().setUserAgent("dossier-post")
        .setFollowRedirects(false).setVerifyHost(true));
    CallbackTarget target = new CallbackTarget(client,
        OutboundTargets.system(vertx, Duration.ofSeconds(5)), allowPrivate);
    this.job = new CallbackJob(pool, offices, target, Duration.ofSeconds(10), retryBase);
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

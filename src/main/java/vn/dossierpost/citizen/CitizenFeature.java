package vn.dossierpost.citizen;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.sqlclient.SqlClient;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.http.RateLimiter;

/** The citizen's public tracking page. */
public final class CitizenFeature implements Feature {

  private final SqlClient reads;
  private final RateLimiter limiter;
  private final MeterRegistry registry;

  /** {@code perMinute}: each client address's budget of page requests. */
  public CitizenFeature(SqlClient reads, int perMinute, MeterRegistry registry) {
    this.reads = reads;
    this.limiter = TrackingRoutes.limiter(perMinute);
    this.registry = registry;
  }

  @Override
  public void mount(Mount m) {
    m.at("/t/*", TrackingRoutes.router(m.vertx(), reads, limiter, registry));
  }
}

package vn.dossierpost;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dossierpost.access.ApiKeys;
import vn.dossierpost.access.Offices;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.RateLimiter;
import vn.dossierpost.label.LabelService;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.inbox.GroupCommitter;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.TrackingIngest;

/** Everything the routes and jobs of one process share; built once by {@link App}. */
public record Services(
    AppConfig config,
    io.vertx.core.Vertx vertx,
    Pool pool,
    SqlClient reads,
    String expectedSchema,
    PrometheusMeterRegistry registry,
    AtomicBoolean draining,
    AtomicInteger inflight,
    RateLimiter rateLimiter,
    RateLimiter trackingLimiter,
    ApiKeys apiKeys,
    Offices offices,
    Idempotency idempotency,
    Outbox outbox,
    Reconciler reconciler,
    OrderService orders,
    TrackingLinks links,
    LabelService labels,
    ManifestService manifests,
    TrackingIngest ingest,
    GroupCommitter committer,
    CarrierRecords records) {
}

package vn.dossierpost;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import vn.dossierpost.access.ApiKeys;
import vn.dossierpost.access.Offices;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.OrderService;

/**
 * The shared parts of one process that the demo data and the tests reach through {@link App};
 * {@code calendar}: the working days (loaded once at start-up, with {@code DP_HOLIDAYS_FILE}).
 */
public record Services(
    AppConfig config,
    Vertx vertx,
    Pool pool,
    SqlClient reads,
    TrackingLinks links,
    ApiKeys apiKeys,
    Offices offices,
    Idempotency idempotency,
    OrderService orders,
    WorkingCalendar calendar) {
}

package vn.dossierpost.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import vn.dossierpost.access.Offices;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.OrderQuery;

/**
 * {@code /api/v1/reports} (DESK): the daily reconciliation of an office and the list of orders
 * that need someone's attention ({@link ReportService}).
 */
final class ReportRoutes {

  private final ReportService reports;

  private ReportRoutes(ReportService reports) {
    this.reports = reports;
  }

  static Router router(Vertx vertx, Pool pool, Offices offices) {
    ReportRoutes routes = new ReportRoutes(new ReportService(pool, offices));
    Router router = Router.router(vertx);
    router.get("/daily").respond(routes::daily);
    router.get("/attention").respond(routes::attention);
    return router;
  }

  private Future<JsonObject> daily(RoutingContext ctx) {
    return reports.daily(Authenticate.principal(ctx).office(), date(ctx.queryParams().get("date")));
  }

  private Future<JsonObject> attention(RoutingContext ctx) {
    return reports.attention(Authenticate.principal(ctx).office());
  }

  /** The report's day: today in Vietnam unless {@code ?date=YYYY-MM-DD} says otherwise. */
  private static LocalDate date(String raw) {
    if (raw == null) {
      return LocalDate.now(OrderQuery.VIETNAM);
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw Problems.badQuery(List.of(new FieldError("date", "invalid_date", "Dùng ngày YYYY-MM-DD.")));
    }
  }
}

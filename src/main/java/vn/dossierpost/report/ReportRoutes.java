package vn.dossierpost.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import vn.dossierpost.access.Offices;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.money.LedgerCsv;
import vn.dossierpost.order.OrderQuery;

/**
 * {@code /api/v1/reports} (DESK): the daily reconciliation of an office and the list of orders
 * that need someone's attention ({@link ReportService}).
 */
final class ReportRoutes {

  /** The longest fee ledger one request may ask for, in days: a quarter. */
  static final int MAX_DAYS = 92;

  private final ReportService reports;

  private ReportRoutes(ReportService reports) {
    this.reports = reports;
  }

  static Router router(Vertx vertx, Pool pool, Offices offices, WorkingCalendar calendar) {
    ReportRoutes routes = new ReportRoutes(new ReportService(pool, offices, calendar));
    Router router = Router.router(vertx);
    router.get("/daily").respond(routes::daily);
    router.get("/attention").respond(routes::attention);
    router.get("/fees").respond(routes::fees);
    return router;
  }

  private Future<JsonObject> daily(RoutingContext ctx) {
    return reports.daily(Authenticate.principal(ctx).office(), date(ctx.queryParams().get("date")));
  }

  /**
   * The fee ledger ({@code ?from=&to=}, both days included, at most {@link #MAX_DAYS}; today when
   * absent) as JSON, or as CSV for a spreadsheet with {@code Accept: text/csv} or {@code format=csv}.
   */
  private Future<Object> fees(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    LocalDate today = LocalDate.now(OrderQuery.VIETNAM);
    List<FieldError> errors = new ArrayList<>();
    LocalDate from = day(ctx.queryParams().get("from"), "from", today, errors);
    LocalDate to = day(ctx.queryParams().get("to"), "to", from == null ? today : from, errors);
    String format = ctx.queryParams().get("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      errors.add(new FieldError("format", "invalid_value", "Định dạng: json hoặc csv."));
    }
    if (from != null && to != null && to.isBefore(from)) {
      errors.add(new FieldError("to", "before_from", "Ngày cuối phải không trước ngày đầu."));
    } else if (from != null && to != null && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      errors.add(new FieldError("to", "range_too_long", "Tối đa " + MAX_DAYS + " ngày mỗi lần."));
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    String accept = ctx.request().getHeader("Accept");
    boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains("text/csv");
    return reports.fees(office, from, to).map(ledger -> {
      if (!csv) {
        return ledger;
      }
      ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"so-thu-phi-" + office + "-"
              + from + "-" + to + ".csv\"");
      return Buffer.buffer(LedgerCsv.of(ledger));
    });
  }

  /** A day of the ledger's range; {@code fallback} when absent. */
  private static LocalDate day(String raw, String name, LocalDate fallback, List<FieldError> errors) {
    if (raw == null) {
      return fallback;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "invalid_date", "Dùng ngày YYYY-MM-DD."));
      return null;
    }
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

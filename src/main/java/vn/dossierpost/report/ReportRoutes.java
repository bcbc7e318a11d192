package vn.dossierpost.report;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import vn.dossierpost.access.Policy;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.order.OrderSql;

/**
 * {@code /api/v1/reports} (DESK): the daily reconciliation of an office (booked, collected,
 * delivered, failed attempts, returned, late; fees collected against fees handed over) and the
 * list of orders that need someone's attention.
 */
public final class ReportRoutes {

  private static final String BOOKED = """
      SELECT count(*) FROM orders WHERE office_code = $1 AND booked_at >= $2 AND booked_at < $3
      """;
  private static final String EVENTS = """
      SELECT e.code, count(DISTINCT e.order_id) AS orders, count(*) AS events
      FROM order_events e JOIN orders o ON o.id = e.order_id
      WHERE o.office_code = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND e.code IS NOT NULL
      GROUP BY e.code
      """;
  private static final String FEES = """
      SELECT coalesce(sum(collected), 0) AS collected, coalesce(sum(handed), 0) AS handed FROM (
        SELECT e.order_id,
               max(e.fee_collected) FILTER (WHERE e.code IN ('COLLECTED', 'DELIVERED')
                                              AND e.source <> 'DESK') AS collected,
               sum(coalesce((e.details -> 'feeHandedOver' ->> 'amount')::bigint, 0))
                 FILTER (WHERE e.source = 'DESK')
               + coalesce(max(e.fee_collected) FILTER (WHERE e.raw_code = '21'), 0) AS handed
        FROM order_events e JOIN orders o ON o.id = e.order_id
        WHERE o.office_code = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3
        GROUP BY e.order_id) per_order
      """;
  private static final String DELIVERED = "SELECT " + OrderSql.COLUMNS.replaceAll("(\\w+)", "o.$1") + """
      , o.delivered_at, f.province_code AS office_province, f.policy AS office_policy
      FROM orders o JOIN offices f ON f.code = o.office_code
      WHERE o.office_code = $1 AND o.delivered_at >= $2 AND o.delivered_at < $3
      """;
  private static final String BY_STATUS =
      "SELECT status, count(*) AS n FROM orders WHERE office_code = $1 GROUP BY status";
  private static final String BY_FLAG = """
      SELECT f, count(*) AS n FROM orders, unnest(flags) f WHERE office_code = $1 GROUP BY f
      """;
  private static final String ATTENTION = "SELECT " + OrderSql.COLUMNS + ", follow_up"
      + " FROM orders WHERE office_code = $1 AND cardinality(flags) > 0"
      + " ORDER BY status_changed_at LIMIT $2";

  private final Pool pool;

  private ReportRoutes(Pool pool) {
    this.pool = pool;
  }

  public static Router router(Vertx vertx, Pool pool) {
    ReportRoutes routes = new ReportRoutes(pool);
    Router router = Router.router(vertx);
    router.get("/daily").respond(routes::daily);
    router.get("/attention").respond(routes::attention);
    return router;
  }

  private Future<JsonObject> daily(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    LocalDate day = date(ctx.queryParams().get("date"));
    OffsetDateTime from = day.atStartOfDay(OrderQuery.VIETNAM).toOffsetDateTime();
    OffsetDateTime to = day.plusDays(1).atStartOfDay(OrderQuery.VIETNAM).toOffsetDateTime();
    Tuple range = Tuple.of(office, from, to);
    Future<Long> booked = pool.preparedQuery(BOOKED).execute(range).map(r -> r.iterator().next().getLong(0));
    Future<JsonObject> events = pool.preparedQuery(EVENTS).execute(range).map(rows -> {
      JsonObject byCode = new JsonObject();
      for (Row row : rows) {
        byCode.put(row.getString("code"), new JsonObject().put("orders", row.getLong("orders"))
            .put("events", row.getLong("events")));
      }
      return byCode;
    });
    Future<JsonObject> fees = pool.preparedQuery(FEES).execute(range).map(rows -> {
      Row row = rows.iterator().next();
      long collected = row.getNumeric("collected").longValue();
      long handed = row.getNumeric("handed").longValue();
      return new JsonObject().put("collected", collected).put("handedOver", handed)
          .put("outstanding", collected - handed);
    });
    Future<long[]> delivered = pool.preparedQuery(DELIVERED).execute(range).map(rows -> {
      long count = 0;
      long late = 0;
      for (Row row : rows) {
        Order order = Order.from(row);
        Policy policy = Policy.of((JsonObject) row.getValue("office_policy"));
        OffsetDateTime start = order.bookedAt() != null ? order.bookedAt() : order.createdAt();
        OffsetDateTime due = start.plus(policy.target(
            policy.route(order.citizen().address(), row.getString("office_province"))));
        count++;
        if (row.getOffsetDateTime("delivered_at").isAfter(due)) {
          late++;
        }
      }
      return new long[] {count, late};
    });
    Future<JsonObject> statuses = counts(BY_STATUS, "status", office);
    Future<JsonObject> flags = counts(BY_FLAG, "f", office);
    return Future.all(booked, events, fees, delivered, statuses, flags).map(all -> {
      JsonObject byCode = events.result();
      JsonObject flagCounts = flags.result();
      return new JsonObject()
          .put("date", day.toString())
          .put("officeCode", office)
          .put("booked", booked.result())
          .put("collected", orders(byCode, "COLLECTED"))
          .put("delivered", delivered.result()[0])
          .put("failedAttempts", events(byCode, "COLLECTION_FAILED") + events(byCode, "DELIVERY_FAILED"))
          .put("returned", orders(byCode, "RETURNED"))
          .put("late", new JsonObject().put("deliveredLate", delivered.result()[1])
              .put("openLate", flagCounts.getLong("LATE", 0L)))
          .put("stuck", flagCounts.getLong("STUCK", 0L))
          .put("followUp", flagCounts.getLong("FOLLOW_UP", 0L))
          .put("fees", fees.result())
          .put("eventsByCode", byCode)
          .put("ordersByStatus", statuses.result())
          .put("flags", flagCounts);
    });
  }

  private Future<JsonObject> attention(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    return pool.preparedQuery(ATTENTION).execute(Tuple.of(office, 500)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row row : rows) {
        items.add(Order.from(row).toJson().put("followUp", row.getString("follow_up")));
      }
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> counts(String sql, String column, String office) {
    return pool.preparedQuery(sql).execute(Tuple.of(office)).map(rows -> {
      JsonObject counts = new JsonObject();
      rows.forEach(row -> counts.put(row.getString(column), row.getLong("n")));
      return counts;
    });
  }

  private static long orders(JsonObject byCode, String code) {
    JsonObject c = byCode.getJsonObject(code);
    return c == null ? 0 : c.getLong("orders");
  }

  private static long events(JsonObject byCode, String code) {
    JsonObject c = byCode.getJsonObject(code);
    return c == null ? 0 : c.getLong("events");
  }

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

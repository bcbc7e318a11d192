package vn.dossierpost.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dossierpost.access.Office;
import vn.dossierpost.access.Offices;
import vn.dossierpost.access.Policy;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.money.Ledger;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.order.Orders;

/**
 * An office's daily reconciliation (booked, collected, delivered, failed attempts, returned,
 * late; fees collected against fees handed over) and the orders that need someone's attention.
 */
final class ReportService {

  /** The most orders the attention list shows. */
  private static final int ATTENTION_LIMIT = 500;

  private final Pool pool;
  private final Offices offices;
  private final WorkingCalendar calendar;

  ReportService(Pool pool, Offices offices, WorkingCalendar calendar) {
    this.pool = pool;
    this.offices = offices;
    this.calendar = calendar;
  }

  Future<JsonObject> daily(String office, LocalDate day) {
    OffsetDateTime from = day.atStartOfDay(OrderQuery.VIETNAM).toOffsetDateTime();
    OffsetDateTime to = day.plusDays(1).atStartOfDay(OrderQuery.VIETNAM).toOffsetDateTime();
    Tuple range = Tuple.of(office, from, to);
    Future<Long> booked = Orders.countBooked(pool, office, from, to);
    Future<JsonObject> events = pool.preparedQuery(ReportSql.EVENTS).execute(range).map(rows -> {
      JsonObject byCode = new JsonObject();
      for (Row row : rows) {
        byCode.put(row.getString("code"), new JsonObject().put("orders", row.getLong("orders"))
            .put("events", row.getLong("events")));
      }
      return byCode;
    });
    // The day's fees as the ledger counts them: each hand-over once, whatever was received again.
    Future<JsonObject> fees = Ledger.of(pool, office, day, day).map(ledger -> {
      JsonObject d = ledger.getJsonArray("days").getJsonObject(0);
      return new JsonObject().put("due", d.getLong("due")).put("collected", d.getLong("collected"))
          .put("handedOver", d.getLong("handedOver")).put("outstanding", d.getLong("outstanding"));
    });
    Future<long[]> delivered = delivered(office, from, to);
    Future<JsonObject> statuses = Orders.countByStatus(pool, office).map(ReportService::json);
    Future<JsonObject> flags = Orders.countByFlag(pool, office).map(ReportService::json);
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

  /** How many orders were delivered in the range, and how many of them after their target day. */
  private Future<long[]> delivered(String office, OffsetDateTime from, OffsetDateTime to) {
    Future<Optional<Office>> rules = offices.find(office);
    Future<List<Orders.Delivered>> orders = Orders.deliveredBetween(pool, office, from, to);
    return Future.all(rules, orders).map(all -> {
      Policy policy = Policy.of(rules.result().map(Office::policy).orElse(null));
      String province = rules.result().map(o -> o.address().provinceCode()).orElse(null);
      long count = 0;
      long late = 0;
      for (Orders.Delivered d : orders.result()) {
        Order order = d.order();
        count++;
        if (SlaWatchdog.due(order, policy, calendar, province)
            .map(due -> WorkingCalendar.overdue(due, d.deliveredAt())).orElse(false)) {
          late++;
        }
      }
      return new long[] {count, late};
    });
  }

  /** The fee ledger of {@code office} from one day to another, both included. */
  Future<JsonObject> fees(String office, LocalDate from, LocalDate to) {
    return Ledger.of(pool, office, from, to);
  }

  Future<JsonObject> attention(String office) {
    return Orders.flagged(pool, office, ATTENTION_LIMIT).map(flagged -> {
      JsonArray items = new JsonArray();
      for (Orders.Flagged f : flagged) {
        items.add(f.order().toJson().put("followUp", f.followUp()));
      }
      return new JsonObject().put("items", items);
    });
  }

  private static JsonObject json(Map<String, Long> counts) {
    JsonObject json = new JsonObject();
    counts.forEach(json::put);
    return json;
  }

  private static long orders(JsonObject byCode, String code) {
    JsonObject c = byCode.getJsonObject(code);
    return c == null ? 0 : c.getLong("orders");
  }

  private static long events(JsonObject byCode, String code) {
    JsonObject c = byCode.getJsonObject(code);
    return c == null ? 0 : c.getLong("events");
  }
}

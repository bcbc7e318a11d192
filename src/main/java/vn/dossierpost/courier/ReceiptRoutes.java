package vn.dossierpost.courier;

import vn.dossierpost.tracking.TrackingIngest;
import vn.dossierpost.tracking.TrackingEvent;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.EventCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.Problem;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.Orders;
import vn.dossierpost.order.OrderSql;
import vn.dossierpost.order.OrderStatus;

/**
 * {@code POST /api/v1/orders/{id}/receive} (DESK): the desk takes a collected dossier from the
 * courier and tallies it again against the list made at pickup (Circular 17/2017 Art. 5,
 * steps 6–8). A match completes the PICKUP leg; a discrepancy is recorded, the order is flagged
 * for follow-up, and the desk can receive it again once it is resolved.
 */
public final class ReceiptRoutes {

  private static final Set<OrderStatus> WITH_COURIER = Set.of(OrderStatus.COLLECTED,
      OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED,
      OrderStatus.AWAITING_PICKUP);
  private static final String PICKUP_CHECKLIST = """
      SELECT details FROM order_events
      WHERE order_id = $1 AND code = 'COLLECTED' AND details ? 'checklist'
      ORDER BY occurred_at DESC, id DESC LIMIT 1
      """;
  private static final String FLAG = """
      UPDATE orders SET flags = CASE WHEN 'FOLLOW_UP' = ANY(flags) THEN flags
                                     ELSE array_append(flags, 'FOLLOW_UP') END,
                        follow_up = $2, updated_at = now()
      WHERE id = $1
      """;
  private static final String CLEAR = """
      UPDATE orders SET flags = array_remove(flags, 'FOLLOW_UP'), follow_up = NULL WHERE id = $1
      """;

  private final Pool pool;
  private final TrackingIngest ingest;

  private ReceiptRoutes(Pool pool, TrackingIngest ingest) {
    this.pool = pool;
    this.ingest = ingest;
  }

  public static Router router(Vertx vertx, Pool pool, TrackingIngest ingest) {
    ReceiptRoutes routes = new ReceiptRoutes(pool, ingest);
    Router router = Router.router(vertx);
    router.post("/:id/receive").handler(JsonContent.required()).respond(routes::receive);
    return router;
  }

  private Future<JsonObject> receive(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID id = Bodies.uuidParam(ctx, "id");
    JsonObject body = Bodies.object(ctx);
    Fields in = Fields.of(body, Set.of("checklist", "sealIntact", "feeHandedOver", "appointmentDate", "note"));
    JsonArray list = in.array("checklist", true, 50);
    if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        Fields d = in.element("checklist", i, Set.of("name", "kind", "count"));
        if (d != null) {
          d.text("name", true, 2, 200);
          d.code("kind", true, Pattern.compile("^(ORIGINAL|COPY)$"), "Bản chính (ORIGINAL) hoặc bản sao (COPY).");
          d.integer("count", false, 1, 100);
        }
      }
    }
    Boolean sealIntact = in.bool("sealIntact", null);
    if (sealIntact == null) {
      in.error("sealIntact", "required", "Ghi rõ niêm phong còn nguyên vẹn hay không.");
    }
    Fields fee = in.object("feeHandedOver", false, Set.of("amount", "receiptNumber"));
    if (fee != null) {
      fee.integer("amount", true, 0, 100_000_000L);
      fee.text("receiptNumber", false, 3, 64);
    }
    String appointment = in.code("appointmentDate", false, Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$"),
        "Ngày hẹn trả kết quả dạng YYYY-MM-DD.");
    if (appointment != null) {
      try {
        LocalDate.parse(appointment);
      } catch (RuntimeException e) {
        in.error("appointmentDate", "invalid_date", "Ngày hẹn trả không hợp lệ.");
      }
    }
    String note = in.text("note", false, 1, 500);
    in.throwIfInvalid();
    JsonArray tallied = ScanRoutes.normalizedChecklist(list);
    return pool.withTransaction(tx -> Orders.lockForOffice(tx, office, id).compose(order -> {
          if (order.leg() != Leg.PICKUP) {
            return Future.failedFuture(Problem.of(409, "not-a-pickup", "Not a pickup",
                "only a PICKUP leg is received by the desk").exception());
          }
          if (order.status() == OrderStatus.DELIVERED) {
            return Future.succeededFuture(new JsonObject().put("match", true).put("order", order.toJson()));
          }
          if (!WITH_COURIER.contains(order.status())) {
            return Future.failedFuture(Problem.of(409, "not-receivable", "Not receivable",
                "an order in status " + order.status() + " is not with the courier")
                .with("status", order.status().name()).exception());
          }
          return tx.preparedQuery(PICKUP_CHECKLIST).execute(Tuple.of(id)).compose(found -> {
            JsonArray reference = found.size() == 0 ? null
                : found.iterator().next().getJsonObject("details").getJsonArray("checklist");
            List<String> discrepancies = compare(reference, tallied);
            if (!sealIntact) {
              discrepancies.add(0, "Niêm phong không còn nguyên vẹn");
            }
            JsonObject details = new JsonObject().put("checklist", tallied).put("sealIntact", sealIntact)
                .put("match", discrepancies.isEmpty()).put("reference", reference != null);
            if (fee != null) {
              details.put("feeHandedOver", body.getJsonObject("feeHandedOver"));
            }
            if (appointment != null) {
              details.put("appointmentDate", appointment);
            }
            if (note != null) {
              details.put("note", note);
            }
            if (!discrepancies.isEmpty()) {
              details.put("discrepancies", new JsonArray(discrepancies));
            }
            return record(tx, order, details, discrepancies).map(o -> new JsonObject()
                .put("match", discrepancies.isEmpty())
                .put("discrepancies", new JsonArray(discrepancies)).put("order", o.toJson()));
          });
        }));
  }

  private Future<Order> record(SqlConnection tx, Order order, JsonObject details,
      List<String> discrepancies) {
    boolean match = discrepancies.isEmpty();
    OffsetDateTime now = OffsetDateTime.now();
    String reason = match ? null : "Tiếp nhận chưa khớp: " + String.join("; ", discrepancies);
    TrackingEvent event = new TrackingEvent(null, order.id(), order.itemCode(),
        match ? EventCode.DELIVERED : EventCode.INFO, match ? "DESK_RECEIVED" : "DESK_DISCREPANCY",
        null, now, Instant.now(), null, null, reason, null, null, details, null, null, null,
        EventSource.DESK, null, "desk-receipt:" + order.id() + ":" + now.toInstant().toEpochMilli(),
        Set.of());
    return ingest.ingest(tx, List.of(event))
        .compose(v -> match ? tx.preparedQuery(CLEAR).execute(Tuple.of(order.id()))
            : tx.preparedQuery(FLAG).execute(Tuple.of(order.id(), reason)))
        .compose(v -> tx.preparedQuery(OrderSql.FIND).execute(Tuple.of(order.id())))
        .map(rows -> Order.from(rows.iterator().next()));
  }

  /** What differs between the list made at pickup and the desk's tally, in words. */
  static List<String> compare(JsonArray reference, JsonArray tallied) {
    List<String> differences = new ArrayList<>();
    if (reference == null) {
      return differences;
    }
    Map<String, Integer> expected = counts(reference);
    Map<String, Integer> actual = counts(tallied);
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      int got = actual.getOrDefault(e.getKey(), 0);
      if (got < e.getValue()) {
        differences.add("Thiếu " + (e.getValue() - got) + " × " + label(e.getKey()));
      }
    }
    for (Map.Entry<String, Integer> e : actual.entrySet()) {
      int want = expected.getOrDefault(e.getKey(), 0);
      if (e.getValue() > want) {
        differences.add("Thừa " + (e.getValue() - want) + " × " + label(e.getKey()));
      }
    }
    return differences;
  }

  private static Map<String, Integer> counts(JsonArray list) {
    Map<String, Integer> counts = new HashMap<>();
    for (Object o : list) {
      JsonObject doc = (JsonObject) o;
      String key = doc.getString("kind") + "|" + doc.getString("name").toLowerCase(Locale.ROOT);
      counts.merge(key, doc.getInteger("count", 1), Integer::sum);
    }
    return counts;
  }

  private static String label(String key) {
    String[] parts = key.split("\\|", 2);
    return parts[1] + " (" + ("ORIGINAL".equals(parts[0]) ? "bản chính" : "bản sao") + ")";
  }
}

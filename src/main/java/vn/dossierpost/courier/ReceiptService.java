package vn.dossierpost.courier;

import java.time.LocalDate;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.procedure.Procedures;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Problem;
import vn.dossierpost.money.Money;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.tracking.TrackingEvent;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * The desk takes a collected dossier from the courier and tallies it again against the list made
 * at pickup (Circular 17/2017 Art. 5, steps 6–8). A match completes the PICKUP leg; a discrepancy
 * is recorded, the order is flagged for follow-up, and the desk can receive it again once it is
 * resolved.
 */
final class ReceiptService {

  private static final Set<OrderStatus> WITH_COURIER = Set.of(OrderStatus.COLLECTED,
      OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED,
      OrderStatus.AWAITING_PICKUP);

  /** The outcome; {@code discrepancies} is null when the dossier had been received before. */
  record Received(boolean match, List<String> discrepancies, Order order) {
  }

  private final Pool pool;
  private final TrackingIngest ingest;
  private final WorkingCalendar calendar;

  ReceiptService(Pool pool, TrackingIngest ingest, WorkingCalendar calendar) {
    this.pool = pool;
    this.ingest = ingest;
    this.calendar = calendar;
  }

  Future<Received> receive(Actor desk, String office, UUID id, Receipt receipt) {
    return pool.withTransaction(tx -> receiveIn(tx, desk, office, id, receipt));
  }

  /**
   * As {@link #receive}, in the caller's transaction. A dossier the post listed on a handover
   * record not yet received is received with that record, not on its own: the record would
   * otherwise never be complete (D20).
   */
  Future<Received> receiveIn(SqlConnection tx, Actor desk, String office, UUID id, Receipt receipt) {
    return tx.preparedQuery(HandoverSql.OPEN)
        .execute(Tuple.tuple().addArrayOfUUID(new UUID[] {id}))
        .compose(open -> open.size() == 0 ? receive(tx, desk, office, id, receipt, List.of())
            : Orders.lockForOffice(tx, office, id).compose(order -> Future.failedFuture(
                Problem.of(409, "on-handover", "On a handover record",
                    "the post listed this dossier on a handover record the desk has not received;"
                        + " receive it with that record")
                    .with("handoverCode", open.iterator().next().getString("code")).exception())));
  }

  /**
   * The receipt in the caller's transaction (a handover receives many at once); {@code seen}
   * are discrepancies the caller saw itself (a seal number that differs), listed first.
   */
  Future<Received> receive(SqlConnection tx, Actor desk, String office, UUID id, Receipt receipt,
      List<String> seen) {
    return Orders.lockForOffice(tx, office, id).compose(order -> {
      if (order.leg() != Leg.PICKUP) {
        return Future.failedFuture(Problem.of(409, "not-a-pickup", "Not a pickup",
            "only a PICKUP leg is received by the desk").exception());
      }
      if (order.status() == OrderStatus.DELIVERED) {
        return Future.succeededFuture(new Received(true, null, order));
      }
      if (!WITH_COURIER.contains(order.status())) {
        return Future.failedFuture(Problem.of(409, "not-receivable", "Not receivable",
            "an order in status " + order.status() + " is not with the courier")
            .with("orderStatus", order.status().name()).exception());
      }
      return dated(tx, order, receipt).compose(r -> tally(tx, desk, order, r, seen));
    });
  }

  /** The receipt with its appointment date: the desk's, else the procedure's working days. */
  private Future<Receipt> dated(SqlConnection tx, Order order, Receipt receipt) {
    if (receipt.appointmentDate() != null) {
      return Future.succeededFuture(receipt);
    }
    return Procedures.appointment(tx, calendar, order.officeCode(), order.procedureCode(),
            LocalDate.now(OrderQuery.VIETNAM))
        .map(due -> due.map(d -> receipt.withAppointment(d.toString())).orElse(receipt));
  }

  private Future<Received> tally(SqlConnection tx, Actor desk, Order order, Receipt receipt,
      List<String> seen) {
      UUID id = order.id();
      return EventStore.pickupChecklist(tx, id).compose(found -> CatalogueCheck.atDesk(tx, order,
          receipt.checklist()).compose(incomplete -> {
        JsonArray reference = found.orElse(null);
        List<String> discrepancies = compare(reference, receipt.checklist());
        discrepancies.addAll(incomplete); // the procedure's published list (step 6), when listed
        discrepancies.addAll(0, seen);
        if (!receipt.sealIntact()) {
          discrepancies.add(0, "Niêm phong không còn nguyên vẹn");
        }
        return record(tx, desk, order, details(receipt, reference, discrepancies), discrepancies)
            .map(o -> new Received(discrepancies.isEmpty(), discrepancies, o));
      }));
  }

  private static JsonObject details(Receipt receipt, JsonArray reference, List<String> discrepancies) {
    JsonObject details = new JsonObject().put("checklist", receipt.checklist())
        .put("sealIntact", receipt.sealIntact())
        .put("match", discrepancies.isEmpty()).put("reference", reference != null);
    if (receipt.feeHandedOver() != null) {
      details.put("feeHandedOver", receipt.feeHandedOver());
    }
    if (receipt.appointmentDate() != null) {
      details.put("appointmentDate", receipt.appointmentDate());
    }
    if (receipt.note() != null) {
      details.put("note", receipt.note());
    }
    if (!discrepancies.isEmpty()) {
      details.put("discrepancies", new JsonArray(discrepancies));
    }
    return details;
  }

  /** The receipt as an event, and the follow-up flag set or cleared to match it. */
  private Future<Order> record(SqlConnection tx, Actor desk, Order order, JsonObject details,
      List<String> discrepancies) {
    boolean match = discrepancies.isEmpty();
    OffsetDateTime now = OffsetDateTime.now();
    String reason = match ? null : "Tiếp nhận chưa khớp: " + String.join("; ", discrepancies);
    TrackingEvent event = new TrackingEvent(null, order.id(), order.itemCode(),
        match ? EventCode.DELIVERED : EventCode.INFO, match ? "DESK_RECEIVED" : "DESK_DISCREPANCY",
        null, now, Instant.now(), null, null, reason, null, null, details, null, null, null,
        EventSource.DESK, null, "desk-receipt:" + order.id() + ":" + now.toInstant().toEpochMilli(),
        Set.of());
    JsonObject fee = details.getJsonObject("feeHandedOver");
    return ingest.ingest(tx, desk, List.of(event))
        // Counted once per order: receiving again after a discrepancy hands nothing over again.
        .compose(v -> fee == null ? Future.succeededFuture(false) : Money.handedOver(tx, order,
            fee.getLong("amount"), fee.getString("receiptNumber"), null, now))
        .compose(v -> match ? Orders.clearFollowUp(tx, order.id())
            : Orders.flagFollowUp(tx, order.id(), reason))
        .compose(v -> Orders.find(tx, order.id()))
        .map(found -> found.orElseThrow());
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

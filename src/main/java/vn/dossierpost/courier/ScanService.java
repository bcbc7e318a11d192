package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Problems;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.money.Money;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.tracking.StatusFold;
import vn.dossierpost.tracking.TrackingEvent;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * Records couriers' scans as tracking events. Each is keyed by the courier's unit and the
 * client's scan id, so a phone that uploads its offline queue twice records each scan once.
 */
final class ScanService {

  private final Pool pool;
  private final TrackingIngest ingest;
  private final ManifestService manifests;

  ScanService(Pool pool, TrackingIngest ingest, ManifestService manifests) {
    this.pool = pool;
    this.ingest = ingest;
    this.manifests = manifests;
  }

  /** What became of a scan's events, and the items of a record left out (not collectable). */
  record Recorded(List<TrackingIngest.Outcome> outcomes, List<String> skipped) {
  }

  Future<Recorded> record(Principal courier, Actor actor, ScanRequest scan) {
    return scan.manifestCode() != null ? manifest(courier, actor, scan)
        : item(courier, actor, scan).map(outcomes -> new Recorded(outcomes, List.of()));
  }

  /**
   * One item, checked against its order's leg, status and fee ({@link CourierSteps}). An item no
   * order carries, or whose office the courier's unit does not serve, is not found (404, the same
   * answer) and nothing is kept: a parked courier scan would be applied later without any of the
   * step's controls. The order is locked while its status at the scan's time is worked out, so
   * two scans of one item are checked one after the other.
   */
  private Future<List<TrackingIngest.Outcome>> item(Principal courier, Actor actor,
      ScanRequest scan) {
    String key = "scan:" + courier.scope() + ":" + scan.scanId();
    return inScope(pool, courier, scan.itemCode()).compose(found -> pool.withTransaction(tx ->
        Orders.lock(tx, found.id()).compose(locked -> {
              TrackingEvent event = event(scan, courier, scan.itemCode(), key).withOrder(found.id());
              return checkInTimeline(tx, found, event, scan.action()).map(event);
            })
            .compose(event -> {
              ScanValidator.checkStep(scan, found.leg(), found.feeToCollect());
              return CatalogueCheck.pickup(tx, found, scan)
                  .compose(v -> ingest.ingest(tx, actor, List.of(event)))
                  .compose(outcomes -> feeCollected(tx, found, scan, courier).map(outcomes));
            })));
  }

  /**
   * The fee taken at the leg's collection point (a PICKUP's collection, a DELIVERY's delivery),
   * in the money ledger with the scan: once per order, so a re-uploaded scan adds nothing.
   */
  private static Future<Boolean> feeCollected(SqlConnection tx, Order order, ScanRequest scan,
      Principal courier) {
    boolean point = order.leg() == Leg.PICKUP ? scan.action() == ScanRequest.Action.COLLECTED
        : scan.action() == ScanRequest.Action.DELIVERED;
    JsonObject fee = scan.body().getValue("fee") instanceof JsonObject f ? f : null;
    if (!point || fee == null || fee.getLong("amount") == null
        || fee.getLong("amount") == 0 && order.feeToCollect() == 0) {
      return Future.succeededFuture(false);
    }
    String name = scan.body().getString("courier");
    return Money.collected(tx, order, fee.getLong("amount"), fee.getString("receiptNumber"),
        fee.getString("reason") == null ? null : Fields.normalize(fee.getString("reason")),
        fee.getString("note") == null ? null : Fields.normalize(fee.getString("note")),
        new Money.Collector(courier.scope(), courier.keyId(), name == null ? null : Fields.normalize(name)),
        scan.at());
  }

  /**
   * Checks a courier's action where its time puts it in the order's history: against the status
   * the order had then (a scan queued offline is checked against what the courier saw when making
   * it; events at the same instant count as before it, so a second scan with the time of the
   * first is checked after it), and then every later courier scan must still be allowed with this
   * one inserted: a back-dated scan cannot slip a step in front of one already taken (a failed
   * delivery before a recorded step that needed the status it changes), and nothing is added to
   * an item whose record has ended. A scan already recorded (an upload repeated) is not checked
   * again: it is found a duplicate and stored once.
   */
  /**
   * The carrier's feed may report a pickup collected before the courier's own record of it (its
   * checklist, seal and fee, queued on the phone) is uploaded: that record is still taken, once,
   * while the item has not moved on. A second courier collection is refused as before.
   */
  private static boolean completesCarriersCollection(Order order, List<TrackingEvent> all,
      OrderStatus then, ScanRequest.Action action) {
    return order.leg() == Leg.PICKUP && action == ScanRequest.Action.COLLECTED
        && then == OrderStatus.COLLECTED
        && all.stream().noneMatch(e -> e.code() == EventCode.COLLECTED && e.source() == EventSource.SCAN);
  }

  /** Whether the item card should offer the courier's collection of a carrier-collected pickup. */
  static Future<Boolean> awaitsCouriersCollection(SqlClient client, Order order) {
    if (order.leg() != Leg.PICKUP || order.status() != OrderStatus.COLLECTED) {
      return Future.succeededFuture(false);
    }
    return EventStore.timeline(client, order.id()).map(all -> completesCarriersCollection(order,
        all, OrderStatus.COLLECTED, ScanRequest.Action.COLLECTED));
  }

  static Future<Void> checkInTimeline(SqlConnection tx, Order order, TrackingEvent scan,
      ScanRequest.Action action) {
    Instant when = scan.occurredAt().toInstant();
    return EventStore.timeline(tx, order.id()).map(all -> {
      if (all.stream().anyMatch(e -> scan.dedupKey().equals(e.dedupKey()))) {
        return null; // an upload repeated: checked when first recorded, stored once
      }
      OrderStatus now = statusAfter(order, all);
      if (now.isFinal()) {
        CourierSteps.check(order.leg(), now, action); // nothing is added to an ended record
      }
      List<TrackingEvent> before = upTo(all, when);
      OrderStatus atScan = statusAfter(order, before);
      if (!completesCarriersCollection(order, all, atScan, action)) {
        CourierSteps.check(order.leg(), atScan, action);
      }
      List<TrackingEvent> history = new ArrayList<>(before);
      history.add(scan);
      for (TrackingEvent later : all.stream().filter(e -> e.occurredAt().toInstant().isAfter(when))
          .sorted(Comparator.comparing(TrackingEvent::occurredAt)).toList()) {
        ScanRequest.Action taken = later.source() == EventSource.SCAN ? actionOf(later) : null;
        if (taken != null) {
          OrderStatus then = statusAfter(order, history);
          if (!CourierSteps.allowed(order.leg(), then).contains(taken)) {
            throw CourierSteps.beforeLaterStep(order.leg(), action, taken, later.occurredAt());
          }
        }
        history.add(later);
      }
      return null;
    });
  }

  private static OrderStatus statusAfter(Order order, List<TrackingEvent> events) {
    return StatusFold.foldFrom(order.leg(), OrderStatus.CREATED, null, events).status();
  }

  private static ScanRequest.Action actionOf(TrackingEvent event) {
    try {
      return ScanRequest.Action.valueOf(event.code().name());
    } catch (IllegalArgumentException notAnAction) {
      return null;
    }
  }

  /** The status the order had at {@code at} (events at that instant included, {@code key}'s left out). */
  static Future<OrderStatus> statusAt(SqlConnection tx, Order order, OffsetDateTime at, String key) {
    Instant when = at.toInstant().truncatedTo(ChronoUnit.MICROS); // as precise as the store
    return EventStore.timeline(tx, order.id()).map(events -> statusAfter(order, upTo(events.stream()
        .filter(e -> !key.equals(e.dedupKey())).toList(), when)));
  }

  /** The events up to {@code when}, those at that very instant included. */
  private static List<TrackingEvent> upTo(List<TrackingEvent> events, Instant when) {
    return events.stream().filter(e -> !e.occurredAt().toInstant().isAfter(when)).toList();
  }

  /** The order carrying {@code itemCode} if the courier's unit serves its office; else 404. */
  static Future<Order> inScope(SqlClient client, Principal courier, String itemCode) {
    return client.preparedQuery(CourierSql.ITEM_IN_SCOPE).execute(Tuple.of(itemCode, courier.scope()))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problems.notFound())
            : Future.succeededFuture(Order.from(rows.iterator().next())));
  }

  /**
   * Accepting a whole handover record: every item on it collected, in one scan. An item that
   * could not be collected when the record was scanned (already collected, cancelled since) is
   * left out and named in the answer: collecting it again would move it back.
   */
  private Future<Recorded> manifest(Principal courier, Actor actor, ScanRequest scan) {
    return manifests.handover(scan.manifestCode(), courier.scope()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Problems.notFound());
      }
      ManifestService.Handover handover = found.get();
      return pool.withTransaction(tx -> Orders.lockMany(tx,
              new TreeSet<>(handover.orderIds()).toArray(new UUID[0]))
          .compose(locked -> Orders.findAll(tx, handover.orderIds()))
          .compose(orders -> collectable(tx, orders, scan, courier))
          .compose(split -> {
            List<TrackingEvent> events = split.get(true).stream().map(o -> event(scan, courier,
                o.itemCode(), manifestKey(scan, courier, o)).withOrder(o.id())).toList();
            List<String> skipped = split.get(false).stream().map(Order::itemCode).toList();
            return manifests.accept(tx, handover.id(), scan.at(), courier.scope())
                .compose(v -> ingest.ingest(tx, actor, events))
                .map(outcomes -> new Recorded(outcomes, skipped));
          }));
    });
  }

  private static String manifestKey(ScanRequest scan, Principal courier, Order order) {
    return "scan:" + courier.scope() + ":" + scan.scanId() + ":" + order.itemCode();
  }

  /** The orders split by whether each could be collected at the scan's time (true) or not. */
  private static Future<Map<Boolean, List<Order>>> collectable(SqlConnection tx, List<Order> orders,
      ScanRequest scan, Principal courier) {
    Map<Boolean, List<Order>> split = new HashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
    Future<Void> chain = Future.succeededFuture();
    for (Order order : orders) {
      chain = chain.compose(v -> statusAt(tx, order, scan.at(), manifestKey(scan, courier, order))
          .map(status -> {
            split.get(CourierSteps.allowed(order.leg(), status).contains(ScanRequest.Action.COLLECTED))
                .add(order);
            return null;
          }));
    }
    return chain.map(v -> split);
  }

  private static TrackingEvent event(ScanRequest scan, Principal courier, String itemCode, String key) {
    JsonObject body = scan.body();
    JsonObject details = new JsonObject().put("postalUnit", courier.scope()).put("scanId", scan.scanId());
    if (body.containsKey("checklist")) {
      details.put("checklist", Checklists.normalized(body.getJsonArray("checklist")));
    }
    if (body.getValue(CatalogueCheck.MISSING) instanceof io.vertx.core.json.JsonArray missing) {
      details.put("missingComponents", CatalogueCheck.normalizedMissing(missing));
    }
    if (scan.manifestCode() != null) {
      details.put("manifestCode", scan.manifestCode());
    }
    String reasonCode = body.getString("reason");
    if (reasonCode != null) {
      details.put("reasonCode", reasonCode);
    }
    if (body.getString("note") != null) {
      details.put("note", Fields.normalize(body.getString("note")));
    }
    JsonObject fee = body.getValue("fee") instanceof JsonObject f ? f : null;
    JsonObject location = body.getValue("location") instanceof JsonObject l ? l : new JsonObject();
    String reason = reasonCode == null ? null
        : "OTHER".equals(reasonCode) && body.getString("note") != null ? Fields.normalize(body.getString("note"))
        : ScanValidator.REASONS.get(reasonCode);
    return new TrackingEvent(null, null, itemCode, EventCode.valueOf(scan.action().name()),
        scan.action().name(), null, scan.at(), Instant.now(), location.getString("code"),
        location.getString("name"), reason,
        body.getString("courier") == null ? null : Fields.normalize(body.getString("courier")),
        proof(body), details, fee == null ? null : fee.getLong("amount"),
        fee == null ? null : fee.getString("receiptNumber"), body.getString("sealNumber"),
        EventSource.SCAN, scan.scanId(), key, Set.of());
  }

  /** The proof of delivery as kept: the id number masked to its last four characters. */
  private static JsonObject proof(JsonObject body) {
    if (!(body.getValue("proof") instanceof JsonObject p)) {
      return null;
    }
    JsonObject proof = new JsonObject().put("recipientName", Fields.normalize(p.getString("recipientName")))
        .put("idType", p.getString("idType"))
        .put("idNumberMasked", "********" + p.getString("idLast4"))
        .put("authorisationLetter", p.getBoolean("authorisationLetter", false));
    if (p.getString("signatureRef") != null) {
      proof.put("signatureRef", p.getString("signatureRef"));
    }
    if (p.getString("photoRef") != null) {
      proof.put("photoRef", p.getString("photoRef"));
    }
    return proof;
  }
}

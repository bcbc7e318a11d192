package vn.dossierpost.tracking;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;

/**
 * The audit records of an ingest. A person's events are few and each is an act of its own, so
 * each stored one is recorded (a parked one under its item code). A carrier's come by the
 * thousand: only the status changes they made are recorded, each under the actor of the event
 * that made it.
 */
final class IngestAudit {

  private IngestAudit() {
  }

  /**
   * {@code stored}: as {@code EventStore.appendAll} answered (null for a duplicate);
   * {@code actors} answers for any event, and for null (a change with no cause).
   */
  static List<AuditEntry> entries(List<TrackingEvent> stored, Map<UUID, Orders.Locked> locked,
      List<StatusChange> changes, Function<TrackingEvent, Actor> actors) {
    Map<UUID, StatusChange> byOrder = new HashMap<>();
    changes.forEach(c -> byOrder.put(c.order().id(), c));
    List<AuditEntry> entries = new ArrayList<>();
    Set<UUID> told = new HashSet<>();
    for (TrackingEvent e : stored) {
      if (e == null) {
        continue;
      }
      Actor actor = actors.apply(e);
      if (actor == null || !actor.isPerson()) {
        continue;
      }
      String action = action(e);
      if (e.orderId() == null) {
        entries.add(AuditEntry.onSubject(actor, action, e.itemCode(), null, event(e)));
        continue;
      }
      Orders.Locked before = locked.get(e.orderId());
      StatusChange change = byOrder.get(e.orderId());
      OrderStatus from = before == null ? null : before.order().status();
      OrderStatus to = change != null ? change.to() : from;
      entries.add(AuditEntry.onOrder(actor, action, e.orderId(), AuditEntry.status(from),
          event(e).put("status", to == null ? null : to.name())));
      told.add(e.orderId());
    }
    for (StatusChange c : changes) {
      if (told.contains(c.order().id())) {
        continue;
      }
      Actor actor = actors.apply(c.cause());
      String action = c.cause() == null ? "tracking.status" : action(c.cause());
      entries.add(AuditEntry.onOrder(actor, action, c.order().id(), AuditEntry.status(c.from()),
          (c.cause() == null ? new JsonObject() : event(c.cause())).put("status", c.to().name())));
    }
    return entries;
  }

  /** {@code scan.COLLECTED}, {@code desk.DESK_RECEIVED}, {@code webhook.DELIVERED} … */
  static String action(TrackingEvent e) {
    String what = e.code() != null && e.source() != EventSource.DESK ? e.code().name()
        : e.rawCode() != null ? e.rawCode() : "UNMAPPED";
    return e.source().name().toLowerCase(Locale.ROOT) + "." + what;
  }

  private static JsonObject event(TrackingEvent e) {
    JsonObject event = new JsonObject().put("itemCode", e.itemCode());
    if (e.carrierEventId() != null) {
      event.put("carrierEventId", e.carrierEventId());
    }
    if (e.reason() != null) {
      event.put("reason", e.reason());
    }
    return event;
  }
}

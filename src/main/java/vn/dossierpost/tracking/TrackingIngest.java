package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.order.Orders;

/**
 * The one path every event takes in, whatever brought it (webhook, poll, scan): find each
 * event's order by item code (or park it), flag what is suspicious, append what is new, and
 * reconcile the orders that got something new, and audit it — all in the caller's transaction.
 *
 * <p>The audit trail gets a record of every event a person (a desk, a courier) stored, and one
 * of every status change that a carrier's or the service's events made: a carrier's batch
 * adds one set-based insert beside the fold's statements, not a row per event.
 */
public final class TrackingIngest {

  /** What became of one event. */
  public enum Outcome { STORED, PARKED, DUPLICATE }

  private final Reconciler reconciler;
  private final Duration futureTolerance;

  public TrackingIngest(Reconciler reconciler, Duration futureTolerance) {
    this.reconciler = reconciler;
    this.futureTolerance = futureTolerance;
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  /**
   * Outcomes in the order of {@code events}. The orders the events name are locked first (so
   * their stored status and latest event time hold still), then the events are stored, then
   * the orders that got something new are reconciled.
   */
  public Future<List<Outcome>> ingest(SqlConnection tx, Actor actor, List<TrackingEvent> events) {
    return ingest(tx, e -> actor, events);
  }

  /**
   * As {@link #ingest(SqlConnection, Actor, List)}, each event audited as {@code actors} says
   * (a carrier's batch: each event under the id of the message that brought it).
   */
  public Future<List<Outcome>> ingest(SqlConnection tx, Function<TrackingEvent, Actor> actors,
      List<TrackingEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return lock(tx, events).compose(locked -> store(tx, events, locked, actors));
  }

  /** Locks the orders that {@code events} name, by id or item code. */
  private Future<Map<UUID, Orders.Locked>> lock(SqlConnection tx, List<TrackingEvent> events) {
    Set<String> items = new LinkedHashSet<>();
    Set<UUID> ids = new LinkedHashSet<>();
    for (TrackingEvent e : events) {
      if (e.orderId() != null) {
        ids.add(e.orderId());
      } else if (e.itemCode() != null) {
        items.add(e.itemCode());
      }
    }
    return reconciler.lockForIngest(tx, items, ids);
  }

  /** Flags, appends and reconciles {@code events}, whose orders are {@code locked}. */
  private Future<List<Outcome>> store(SqlConnection tx, List<TrackingEvent> events,
      Map<UUID, Orders.Locked> locked, Function<TrackingEvent, Actor> actors) {
    Map<String, UUID> byItem = new HashMap<>();
    locked.values().forEach(l -> {
      if (l.order().itemCode() != null) {
        byItem.put(l.order().itemCode(), l.order().id());
      }
    });
    OffsetDateTime horizon = OffsetDateTime.now().plus(futureTolerance);
    List<TrackingEvent> prepared = new ArrayList<>(events.size());
    for (TrackingEvent e : events) {
      UUID order = e.orderId() != null ? e.orderId() : byItem.get(e.itemCode());
      Set<String> flags = new HashSet<>(e.flags());
      if (order == null) {
        flags.add(TrackingEvent.FLAG_PARKED);
      }
      if (e.code() == null) {
        flags.add(TrackingEvent.FLAG_UNMAPPED);
      }
      if (e.occurredAt().isAfter(horizon)) {
        flags.add(TrackingEvent.FLAG_FUTURE);
      }
      prepared.add(e.withOrder(order).withFlags(flags));
    }
    return EventStore.appendAll(tx, prepared).compose(stored -> {
      List<Outcome> outcomes = new ArrayList<>(prepared.size());
      Map<UUID, List<TrackingEvent>> fresh = new HashMap<>();
      for (TrackingEvent e : stored) {
        if (e == null) {
          outcomes.add(Outcome.DUPLICATE);
        } else if (e.orderId() == null) {
          outcomes.add(Outcome.PARKED);
        } else {
          outcomes.add(Outcome.STORED);
          fresh.computeIfAbsent(e.orderId(), k -> new ArrayList<>()).add(e);
        }
      }
      return reconciler.reconcileNew(tx, locked, fresh, changes -> Audit.appendAll(tx,
              IngestAudit.entries(stored, locked, changes, actors)))
          .map(changes -> outcomes);
    });
  }
}

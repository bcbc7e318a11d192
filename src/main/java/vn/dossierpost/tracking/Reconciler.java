package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;

/**
 * Brings orders' stored status in line with the fold of their events, inside the caller's
 * transaction: locks the orders in id order, so that concurrent batches cannot deadlock (with
 * the lock an update takes: rows that refer to an order, such as its SMS, can still be written
 * meanwhile), folds each history, stores statuses and the anomaly flags the fold found, and lets
 * listeners write the effects of every change. Works on many orders with a fixed number of
 * statements.
 *
 * <p>Most events come after everything their order has had (a journey is reported in order).
 * For those, {@link #reconcileNew} resumes the fold from the order's stored status instead of
 * reading and folding its whole history again: every order's row keeps the latest time among
 * its events ({@code history_end}), written by the same statement as its status, under the same
 * row lock. Any order that got an event dated at or before that time is folded whole.
 */
public final class Reconciler {

  /** What to fold for one order: from where, and which events. */
  private record Fold(Order order, OrderStatus start, String startReason, List<TrackingEvent> events) {
  }

  private final List<StatusListener> listeners;

  private Reconciler(List<StatusListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public static Reconciler create(List<StatusListener> listeners) {
    return new Reconciler(listeners);
  }

  /** Empty when the status did not move (or the order does not exist). */
  public Future<Optional<StatusChange>> reconcile(SqlConnection tx, UUID orderId) {
    return reconcile(tx, List.of(orderId))
        .map(changes -> changes.isEmpty() ? Optional.empty() : Optional.of(changes.get(0)));
  }

  /** Locks the orders and folds each one's whole history. */
  public Future<List<StatusChange>> reconcile(SqlConnection tx, Collection<UUID> orderIds) {
    return reconcile(tx, orderIds, NOTHING);
  }

  /**
   * As {@link #reconcile(SqlConnection, Collection)}, with {@code alongside} writing (its audit
   * records, say) beside the fold's own statements, given the changes the fold made.
   */
  public Future<List<StatusChange>> reconcile(SqlConnection tx, Collection<UUID> orderIds,
      Alongside alongside) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] ids = new TreeSet<>(orderIds).toArray(new UUID[0]);
    return Orders.lockMany(tx, ids)
        .compose(orders -> whole(tx, orders, new ArrayList<>()))
        .compose(folds -> apply(tx, folds, alongside));
  }

  /**
   * What a caller writes beside the fold's statements, pipelined with them (so it must not read
   * what they write), given the changes the fold made (possibly none).
   */
  @FunctionalInterface
  public interface Alongside {
    Future<?> write(List<StatusChange> changes);
  }

  private static final Alongside NOTHING = changes -> Future.succeededFuture();

  /** Audits each change as {@code action} by {@code actor}, status before and after. */
  public static Alongside audited(SqlConnection tx, Actor actor, String action) {
    return changes -> Audit.appendAll(tx, changes.stream().map(c -> AuditEntry.onOrder(actor,
        action, c.order().id(), AuditEntry.status(c.from()), AuditEntry.status(c.to()))).toList());
  }

  /**
   * Locks, in id order, the orders that carry {@code itemCodes} or have {@code orderIds}: the
   * first step of storing events for them, before the events are written.
   */
  public Future<Map<UUID, Orders.Locked>> lockForIngest(SqlConnection tx,
      Collection<String> itemCodes, Collection<UUID> orderIds) {
    if (itemCodes.isEmpty() && orderIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return Orders.lockForIngest(tx, itemCodes.toArray(new String[0]), orderIds.toArray(new UUID[0]))
        .map(list -> {
          Map<UUID, Orders.Locked> locked = new LinkedHashMap<>();
          list.forEach(l -> locked.put(l.order().id(), l));
          return locked;
        });
  }

  /**
   * Reconciles orders locked by {@link #lockForIngest} that have just been given
   * {@code fresh} events (stored, with ids). An order whose new events all come after its
   * history resumes its fold; any other is folded whole.
   */
  public Future<List<StatusChange>> reconcileNew(SqlConnection tx, Map<UUID, Orders.Locked> locked,
      Map<UUID, List<TrackingEvent>> fresh, Alongside alongside) {
    List<Fold> folds = new ArrayList<>(fresh.size());
    List<Order> whole = new ArrayList<>();
    for (Map.Entry<UUID, List<TrackingEvent>> entry : new TreeMap<>(fresh).entrySet()) {
      Orders.Locked l = locked.get(entry.getKey());
      if (l == null) {
        continue;
      }
      if (allAfterHistory(l, entry.getValue())) {
        folds.add(l.historyEnd() == null
            ? new Fold(l.order(), OrderStatus.CREATED, null, entry.getValue())
            : new Fold(l.order(), l.order().status(), l.order().statusReason(), entry.getValue()));
      } else {
        whole.add(l.order());
      }
    }
    return whole(tx, whole, folds).compose(all -> {
      all.sort(Comparator.comparing((Fold f) -> f.order().id()));
      return apply(tx, all, alongside);
    });
  }

  /** Whether every one of {@code events} comes after all the order's stored events. */
  private static boolean allAfterHistory(Orders.Locked locked, List<TrackingEvent> events) {
    if (locked.historyEnd() == null) {
      return true;
    }
    for (TrackingEvent e : events) {
      if (!e.occurredAt().toInstant().isAfter(locked.historyEnd().toInstant())) {
        return false;
      }
    }
    return true;
  }

  /** Adds to {@code folds} the whole history of each of {@code orders} (already locked). */
  private static Future<List<Fold>> whole(SqlConnection tx, List<Order> orders, List<Fold> folds) {
    if (orders.isEmpty()) {
      return Future.succeededFuture(folds);
    }
    UUID[] ids = orders.stream().map(Order::id).toArray(UUID[]::new);
    return tx.preparedQuery(EventSql.TIMELINES).execute(Tuple.tuple().addArrayOfUUID(ids)).map(rows -> {
      Map<UUID, List<TrackingEvent>> timelines = new HashMap<>();
      for (Row row : rows) {
        TrackingEvent event = EventStore.from(row);
        timelines.computeIfAbsent(event.orderId(), k -> new ArrayList<>()).add(event);
      }
      for (Order order : orders) {
        folds.add(new Fold(order, OrderStatus.CREATED, null,
            timelines.getOrDefault(order.id(), List.of())));
      }
      return folds;
    });
  }

  private Future<List<StatusChange>> apply(SqlConnection tx, List<Fold> folds, Alongside alongside) {
    List<Tuple> flagUpdates = new ArrayList<>();
    List<Orders.StatusUpdate> orderUpdates = new ArrayList<>(folds.size());
    List<StatusChange> changes = new ArrayList<>();
    for (Fold fold : folds) {
      Order order = fold.order();
      StatusFold.Result result = StatusFold.foldFrom(order.leg(), fold.start(),
          fold.startReason(), fold.events());
      OffsetDateTime lastEvent = null;
      OffsetDateTime historyEnd = null;
      for (TrackingEvent event : fold.events()) {
        Set<String> flags = result.flagsByDedupKey().get(event.dedupKey());
        if (flags != null && !flags.equals(event.flags())) {
          flagUpdates.add(Tuple.tuple().addLong(event.id())
              .addArrayOfString(flags.toArray(new String[0])));
        }
        if (!event.flags().contains(TrackingEvent.FLAG_FUTURE)
            && (lastEvent == null || event.occurredAt().isAfter(lastEvent))) {
          lastEvent = event.occurredAt();
        }
        if (historyEnd == null || event.occurredAt().isAfter(historyEnd)) {
          historyEnd = event.occurredAt();
        }
      }
      boolean moved = result.status() != order.status();
      OffsetDateTime deliveredAt = result.status() == OrderStatus.DELIVERED && result.lastApplied() != null
          ? result.lastApplied().occurredAt() : null;
      orderUpdates.add(new Orders.StatusUpdate(order.id(), result.status(), result.reason(),
          lastEvent, deliveredAt, moved, historyEnd));
      if (moved) {
        changes.add(new StatusChange(order.withStatus(result.status(), result.reason()),
            order.status(), result.status(), result.lastApplied(), order.callbackSeq() + 1));
      }
    }
    // Everything below is known already and none of it reads what another writes, so the
    // statements go out together: the connection pipelines them, and the transaction waits for
    // one round trip instead of one per statement. If one fails, the transaction fails whole.
    List<Future<?>> writes = new ArrayList<>();
    if (!flagUpdates.isEmpty()) {
      writes.add(tx.preparedQuery(EventSql.SET_FLAGS).executeBatch(flagUpdates));
    }
    if (!orderUpdates.isEmpty()) {
      writes.add(Orders.applyStatuses(tx, orderUpdates));
    }
    if (!changes.isEmpty()) {
      for (StatusListener listener : listeners) {
        writes.add(listener.onChanges(tx, changes));
      }
    }
    writes.add(alongside.write(changes));
    return Future.all(writes).map(v -> changes);
  }
}

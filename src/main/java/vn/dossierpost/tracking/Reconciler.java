package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderSql;
import vn.dossierpost.order.OrderStatus;

/**
 * Brings orders' stored status in line with the fold of their events, inside the caller's
 * transaction: locks the orders (in id order, so concurrent batches cannot deadlock), folds each
 * history, stores statuses and the anomaly flags the fold found, and lets listeners write the
 * effects of every change. Works on many orders with a fixed number of statements.
 */
public final class Reconciler {

  private static final String LOCK_MANY = "SELECT " + OrderSql.COLUMNS
      + " FROM orders WHERE id = ANY($1) ORDER BY id FOR UPDATE";
  /** Each order's timeline by its own index probe: a plan that stays right as the table grows. */
  private static final String TIMELINES = "SELECT e.* FROM unnest($1::uuid[]) AS wanted(id) "
      + "CROSS JOIN LATERAL (SELECT " + EventSql.COLUMNS + " FROM order_events "
      + "WHERE order_id = wanted.id ORDER BY occurred_at, id) e";
  /** Every reconciled order in one statement: one row of the arrays per order. */
  private static final String UPDATE = """
      UPDATE orders o SET status = u.status, status_reason = u.reason,
             status_changed_at = CASE WHEN o.status <> u.status THEN now() ELSE o.status_changed_at END,
             last_event_at = u.last_event_at,
             delivered_at = CASE WHEN u.status = 'DELIVERED' THEN coalesce(o.delivered_at, u.delivered_at)
                                 ELSE o.delivered_at END,
             flags = CASE WHEN u.status IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'LOST', 'BOOKING_FAILED')
                          THEN array(SELECT f FROM unnest(o.flags) f WHERE f = 'FOLLOW_UP')
                          ELSE array_remove(o.flags, 'STUCK') END,
             callback_seq = o.callback_seq + u.moved,
             updated_at = now()
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::int[])
           AS u(id, status, reason, last_event_at, delivered_at, moved)
      WHERE o.id = u.id
      """;

  /** One order's row of {@link #UPDATE}. */
  private record OrderUpdate(UUID id, String status, String reason, OffsetDateTime lastEventAt,
      OffsetDateTime deliveredAt, Integer moved) {
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

  public Future<List<StatusChange>> reconcile(SqlConnection tx, Collection<UUID> orderIds) {
    if (orderIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    UUID[] ids = new TreeSet<>(orderIds).toArray(new UUID[0]);
    Tuple byIds = Tuple.tuple().addArrayOfUUID(ids);
    return tx.preparedQuery(LOCK_MANY).execute(byIds).compose(orderRows -> {
      Map<UUID, Order> orders = new LinkedHashMap<>();
      for (Row row : orderRows) {
        Order order = Order.from(row);
        orders.put(order.id(), order);
      }
      return tx.preparedQuery(TIMELINES).execute(byIds).compose(eventRows -> {
        Map<UUID, List<TrackingEvent>> timelines = new HashMap<>();
        for (Row row : eventRows) {
          TrackingEvent event = EventStore.from(row);
          timelines.computeIfAbsent(event.orderId(), k -> new ArrayList<>()).add(event);
        }
        return apply(tx, orders, timelines);
      });
    });
  }

  private Future<List<StatusChange>> apply(SqlConnection tx, Map<UUID, Order> orders,
      Map<UUID, List<TrackingEvent>> timelines) {
    List<Tuple> flagUpdates = new ArrayList<>();
    List<OrderUpdate> orderUpdates = new ArrayList<>(orders.size());
    List<StatusChange> changes = new ArrayList<>();
    for (Order order : orders.values()) {
      List<TrackingEvent> events = timelines.getOrDefault(order.id(), List.of());
      StatusFold.Result result = StatusFold.fold(events);
      OffsetDateTime lastEvent = null;
      for (TrackingEvent event : events) {
        Set<String> flags = result.flagsByDedupKey().get(event.dedupKey());
        if (flags != null && !flags.equals(event.flags())) {
          flagUpdates.add(Tuple.tuple().addLong(event.id())
              .addArrayOfString(flags.toArray(new String[0])));
        }
        if (!event.flags().contains(TrackingEvent.FLAG_FUTURE)
            && (lastEvent == null || event.occurredAt().isAfter(lastEvent))) {
          lastEvent = event.occurredAt();
        }
      }
      boolean moved = result.status() != order.status();
      OffsetDateTime deliveredAt = result.status() == OrderStatus.DELIVERED && result.lastApplied() != null
          ? result.lastApplied().occurredAt() : null;
      orderUpdates.add(new OrderUpdate(order.id(), result.status().name(), result.reason(), lastEvent,
          deliveredAt, moved ? 1 : 0));
      if (moved) {
        changes.add(new StatusChange(order.withStatus(result.status(), result.reason()),
            order.status(), result.status(), result.lastApplied(), order.callbackSeq() + 1));
      }
    }
    Future<?> flags = flagUpdates.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(EventSql.SET_FLAGS).executeBatch(flagUpdates);
    return flags
        .compose(v -> orderUpdates.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery(UPDATE).execute(Unnest.of(orderUpdates).uuids(OrderUpdate::id)
                .strings(OrderUpdate::status).strings(OrderUpdate::reason).times(OrderUpdate::lastEventAt)
                .times(OrderUpdate::deliveredAt).integers(OrderUpdate::moved).tuple()))
        .compose(v -> notifyListeners(tx, changes))
        .map(v -> changes);
  }

  private Future<Void> notifyListeners(SqlConnection tx, List<StatusChange> changes) {
    Future<Void> chain = Future.succeededFuture();
    if (changes.isEmpty()) {
      return chain;
    }
    for (StatusListener listener : listeners) {
      chain = chain.compose(v -> listener.onChanges(tx, changes));
    }
    return chain;
  }
}

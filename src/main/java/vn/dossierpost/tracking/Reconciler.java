package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderSql;

/**
 * Brings an order's stored status in line with the fold of its events, inside the caller's
 * transaction: locks the order row, folds, stores the status and the anomaly flags the fold
 * found, and lets listeners write the effects of a change.
 */
public final class Reconciler {

  private static final String UPDATE_STATUS = """
      UPDATE orders SET status = $2, status_reason = $3, status_changed_at = now(), updated_at = now()
      WHERE id = $1
      RETURNING\s""" + OrderSql.COLUMNS;

  private final List<StatusListener> listeners;

  private Reconciler(List<StatusListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public static Reconciler create(List<StatusListener> listeners) {
    return new Reconciler(listeners);
  }

  /** Empty when the status did not move (or the order does not exist). */
  public Future<Optional<StatusChange>> reconcile(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(OrderSql.LOCK).execute(Tuple.of(orderId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      Order order = Order.from(rows.iterator().next());
      return EventStore.timeline(tx, orderId).compose(events -> apply(tx, order, events));
    });
  }

  private Future<Optional<StatusChange>> apply(SqlConnection tx, Order order,
      List<TrackingEvent> events) {
    StatusFold.Result result = StatusFold.fold(events);
    List<Future<Void>> flagUpdates = new ArrayList<>();
    for (TrackingEvent event : events) {
      Set<String> flags = result.flagsByDedupKey().get(event.dedupKey());
      if (flags != null && !flags.equals(event.flags())) {
        flagUpdates.add(EventStore.setFlags(tx, event.id(), flags));
      }
    }
    return Future.all(flagUpdates).compose(v -> {
      if (result.status() == order.status()) {
        return Future.succeededFuture(Optional.<StatusChange>empty());
      }
      return tx.preparedQuery(UPDATE_STATUS)
          .execute(Tuple.of(order.id(), result.status().name(), result.reason()))
          .compose(updated -> {
            StatusChange change = new StatusChange(Order.from(updated.iterator().next()),
                order.status(), result.status(), result.lastApplied());
            return notifyListeners(tx, change).map(x -> Optional.of(change));
          });
    });
  }

  private Future<Void> notifyListeners(SqlConnection tx, StatusChange change) {
    Future<Void> chain = Future.succeededFuture();
    for (StatusListener listener : listeners) {
      chain = chain.compose(v -> listener.onChange(tx, change));
    }
    return chain;
  }
}

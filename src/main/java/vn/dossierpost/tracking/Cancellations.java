package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Problem;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;

/** The desk's cancellation of a leg: an event of its timeline like any other. */
public final class Cancellations {

  private Cancellations() {
  }

  /**
   * Cancels the office's leg {@code id} in the caller's transaction, audited as {@code desk}'s
   * (the caller wakes the outbox): cancelling twice answers the cancelled order; a leg the
   * courier has taken is refused (409); a leg already with the carrier is also cancelled there.
   */
  public static Future<Order> cancel(SqlConnection tx, Reconciler reconciler, Actor desk,
      String office, UUID id, String reason) {
    return Orders.lockForOffice(tx, office, id).compose(order -> {
      if (order.status() == OrderStatus.CANCELLED) {
        return Future.succeededFuture(order);
      }
      if (!order.status().isCancellable()) {
        return Future.failedFuture(Problem.of(409, "not-cancellable", "Not cancellable",
                "an order in status " + order.status() + " can no longer be cancelled")
            .with("orderStatus", order.status().name()).exception());
      }
      TrackingEvent event = TrackingEvent.system(id, order.itemCode(), EventCode.CANCELLED,
          EventSource.DESK, OffsetDateTime.now(), reason, "desk-cancel:" + id);
      // Nothing is booked yet for a leg still being created or waiting for its result.
      Future<?> carrierCancel = order.status() == OrderStatus.CREATED
          || order.status() == OrderStatus.AWAITING_RESULT
          ? Future.succeededFuture()
          : Outbox.enqueue(tx, Job.of(OrderService.CANCEL_JOB, id, new JsonObject()));
      return EventStore.append(tx, event)
          .compose(v -> carrierCancel)
          .compose(v -> reconciler.reconcile(tx, List.of(id),
              Reconciler.audited(tx, desk, "order.cancel")))
          .map(changes -> changes.isEmpty() ? order : changes.get(0).order());
    });
  }

}

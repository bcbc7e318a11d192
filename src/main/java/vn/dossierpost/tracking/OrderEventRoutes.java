package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.Problem;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.order.Orders;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;

/**
 * {@code /api/v1/orders/{id}/events} and {@code …/cancel} (DESK, own office): an order's
 * timeline, and the desk's cancellation, which is an event of that timeline like any other.
 */
final class OrderEventRoutes {

  private final Pool pool;
  private final OrderService orders;
  private final Reconciler reconciler;
  private final Outbox outbox;

  private OrderEventRoutes(Pool pool, OrderService orders, Reconciler reconciler, Outbox outbox) {
    this.pool = pool;
    this.orders = orders;
    this.reconciler = reconciler;
    this.outbox = outbox;
  }

  static Router router(Vertx vertx, Pool pool, OrderService orders, Reconciler reconciler,
      Outbox outbox) {
    OrderEventRoutes routes = new OrderEventRoutes(pool, orders, reconciler, outbox);
    Router router = Router.router(vertx);
    router.post("/:id/cancel").handler(JsonContent.optional()).respond(routes::cancel);
    router.get("/:id/events").respond(routes::events);
    return router;
  }

  private Future<JsonObject> cancel(RoutingContext ctx) {
    Fields in = Fields.of(Bodies.optionalObject(ctx), Set.of("reason"));
    String reason = in.text("reason", false, 1, 300);
    in.throwIfInvalid();
    return cancel(Actor.of(ctx), Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"),
        reason)
        .map(Order::toJson);
  }

  private Future<JsonObject> events(RoutingContext ctx) {
    return timeline(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"))
        .map(events -> {
          JsonArray items = new JsonArray();
          events.forEach(e -> items.add(e.toJson()));
          return new JsonObject().put("items", items);
        });
  }

  /**
   * Cancels a leg the courier has not taken yet. Cancelling twice answers the cancelled order;
   * a leg already with the carrier is also cancelled there, through the outbox.
   */
  Future<Order> cancel(Actor desk, String office, UUID id, String reason) {
    return pool.withTransaction(tx -> Cancellations.cancel(tx, reconciler, desk, office, id, reason))
        .onSuccess(order -> outbox.wake());
  }

  /** The order's events as the fold reads them, duplicates removed. */
  Future<List<TrackingEvent>> timeline(String office, UUID id) {
    return orders.get(office, id).compose(order -> EventStore.timeline(pool, id))
        .map(StatusFold::history);
  }
}

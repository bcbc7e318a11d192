package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.JsonContent;

/**
 * {@code /api/v1/orders}: DESK keys, each limited to its own office. An order's timeline and its
 * cancellation are tracking's ({@code OrderEventRoutes}).
 */
final class OrderRoutes {

  private final OrderService orders;

  private OrderRoutes(OrderService orders) {
    this.orders = orders;
  }

  static Router router(Vertx vertx, OrderService orders) {
    OrderRoutes routes = new OrderRoutes(orders);
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::create);
    router.get("/").respond(routes::list);
    router.get("/:id").respond(routes::get);
    return router;
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    String key = Idempotency.requireKey(ctx);
    OrderRequest request = OrderValidator.read(Bodies.object(ctx));
    return orders.create(Actor.of(ctx), Authenticate.principal(ctx).office(), key, request).map(created -> {
      ctx.response().setStatusCode(created.status());
      if (created.replayed()) {
        ctx.response().putHeader("Idempotent-Replayed", "true");
      }
      if (created.status() == 201) {
        ctx.response().putHeader("Location", "/api/v1/orders/" + created.body().getString("id"));
      }
      return created.body();
    });
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    OrderQuery query = OrderQuery.parse(ctx.queryParams());
    return orders.list(office, query).map(page -> {
      JsonArray items = new JsonArray();
      page.items().forEach(o -> items.add(o.toJson()));
      return new JsonObject().put("items", items)
          .put("nextCursor", page.next().map(PageCursor::encode).orElse(null));
    });
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    return orders.get(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"))
        .map(Order::toJson);
  }
}

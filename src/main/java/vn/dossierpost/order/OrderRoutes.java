package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.JsonContent;

/** {@code /api/v1/orders}: DESK keys, each limited to its own office. */
public final class OrderRoutes {

  private final OrderService orders;

  private OrderRoutes(OrderService orders) {
    this.orders = orders;
  }

  public static Router router(Vertx vertx, OrderService orders) {
    OrderRoutes routes = new OrderRoutes(orders);
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::create);
    router.get("/").respond(routes::list);
    router.get("/:id").respond(routes::get);
    router.post("/:id/cancel").handler(JsonContent.optional()).respond(routes::cancel);
    router.get("/:id/events").respond(routes::events);
    return router;
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    String key = Idempotency.requireKey(ctx);
    OrderRequest request = OrderValidator.read(Bodies.object(ctx));
    return orders.create(office, key, request).map(created -> {
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

  private Future<JsonObject> cancel(RoutingContext ctx) {
    Fields in = Fields.of(Bodies.optionalObject(ctx), Set.of("reason"));
    String reason = in.text("reason", false, 1, 300);
    in.throwIfInvalid();
    return orders.cancel(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"), reason)
        .map(Order::toJson);
  }

  private Future<JsonObject> events(RoutingContext ctx) {
    return orders.events(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"))
        .map(events -> {
          JsonArray items = new JsonArray();
          events.forEach(e -> items.add(e.toJson()));
          return new JsonObject().put("items", items);
        });
  }
}

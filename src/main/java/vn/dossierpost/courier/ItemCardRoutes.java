package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.geo.Provinces;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.Citizen;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.s10.S10;

/**
 * {@code GET /api/v1/courier/items/{itemCode}} (COURIER): what a courier needs to see after a
 * scan — the leg, the status, whom it is for (masked), the commune, the fee due, and the actions
 * allowed now with what each needs. Out of the courier's scope: 404, as for an unknown item.
 */
final class ItemCardRoutes {

  private final Pool pool;

  private ItemCardRoutes(Pool pool) {
    this.pool = pool;
  }

  static Router router(Vertx vertx, Pool pool) {
    ItemCardRoutes routes = new ItemCardRoutes(pool);
    Router router = Router.router(vertx);
    router.get("/items/:itemCode").respond(routes::card);
    return router;
  }

  private Future<JsonObject> card(RoutingContext ctx) {
    String item = S10.normalize(ctx.pathParam("itemCode"));
    if (item == null || !S10.isValid(item)) {
      throw Problems.validation(List.of(new FieldError("itemCode", "invalid_item_code",
          "Mã bưu gửi không hợp lệ.")));
    }
    return ScanService.inScope(pool, Authenticate.principal(ctx), item)
        .compose(order -> ScanService.awaitsCouriersCollection(pool, order).map(awaits -> {
          JsonObject card = toJson(order);
          if (awaits) {
            // the carrier reported the collection; the courier's own record of it is still due
            CourierSteps.card(order.leg(), OrderStatus.BOOKED, order.feeToCollect()).stream()
                .map(a -> (JsonObject) a).filter(a -> "COLLECTED".equals(a.getString("action")))
                .findFirst().ifPresent(a -> card.getJsonArray("allowedActions").getList().add(0, a));
          }
          return card;
        }).compose(card -> CatalogueCheck.card(pool, order, card)));
  }

  static JsonObject toJson(Order order) {
    return new JsonObject().put("itemCode", order.itemCode()).put("leg", order.leg().name())
        .put("status", order.status().name())
        .put("recipient", new JsonObject().put("name", Citizen.maskedName(order.citizen().name()))
            .put("phone", Phones.masked(order.citizen().phone())))
        .put("commune", new JsonObject().put("code", order.citizen().address().communeCode())
            .put("name", order.citizen().address().communeName())
            .put("provinceCode", order.citizen().address().provinceCode())
            .put("province", Provinces.name(order.citizen().address().provinceCode()).orElse(null)))
        .put("feeDue", order.feeToCollect())
        .put("feeCollection", order.leg().feeCollection())
        .put("allowedActions", CourierSteps.card(order.leg(), order.status(), order.feeToCollect()));
  }
}

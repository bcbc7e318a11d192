package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.tracking.TrackingIngest;

/** {@code POST /api/v1/orders/{id}/receive} (DESK): the desk receives a collected dossier. */
final class ReceiptRoutes {

  private final ReceiptService receipts;

  private ReceiptRoutes(ReceiptService receipts) {
    this.receipts = receipts;
  }

  static Router router(Vertx vertx, Pool pool, TrackingIngest ingest,
      vn.dossierpost.calendar.WorkingCalendar calendar) {
    ReceiptRoutes routes = new ReceiptRoutes(new ReceiptService(pool, ingest, calendar));
    Router router = Router.router(vertx);
    router.post("/:id/receive").handler(JsonContent.required()).respond(routes::receive);
    return router;
  }

  private Future<JsonObject> receive(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID id = Bodies.uuidParam(ctx, "id");
    Receipt receipt = ReceiptValidator.read(Bodies.object(ctx));
    return receipts.receive(Actor.of(ctx), office, id, receipt).map(received -> {
      JsonObject answer = new JsonObject().put("match", received.match());
      if (received.discrepancies() != null) {
        answer.put("discrepancies", new JsonArray(received.discrepancies()));
      }
      return answer.put("order", received.order().toJson());
    });
  }
}

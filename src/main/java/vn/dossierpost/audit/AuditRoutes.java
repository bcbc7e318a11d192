package vn.dossierpost.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;
import java.util.function.BiFunction;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;

/**
 * {@code GET /api/v1/orders/{id}/audit} (DESK): the order's trail, oldest first. Another
 * office's order answers as an unknown one (404). Phone numbers are shown masked.
 */
final class AuditRoutes {

  private final SqlClient reads;
  private final BiFunction<String, UUID, Future<?>> visible;

  private AuditRoutes(SqlClient reads, BiFunction<String, UUID, Future<?>> visible) {
    this.reads = reads;
    this.visible = visible;
  }

  static Router router(Vertx vertx, SqlClient reads, BiFunction<String, UUID, Future<?>> visible) {
    AuditRoutes routes = new AuditRoutes(reads, visible);
    Router router = Router.router(vertx);
    router.get("/:id/audit").respond(routes::trail);
    return router;
  }

  private Future<JsonObject> trail(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID id = Bodies.uuidParam(ctx, "id");
    return visible.apply(office, id).compose(v -> Audit.ofOrder(reads, id)).map(records -> {
      JsonArray items = new JsonArray();
      records.forEach(r -> items.add(toJson(r)));
      return new JsonObject().put("orderId", id.toString()).put("items", items);
    });
  }

  static JsonObject toJson(Audit.Record r) {
    Actor a = r.actor();
    JsonObject actor = new JsonObject().put("role", a.role()).put("scope", a.scope())
        .put("keyId", a.keyId() == null ? null : a.keyId().toString());
    return new JsonObject().put("at", r.at().toString()).put("actor", actor)
        .put("requestId", a.requestId()).put("action", r.action())
        .put("subject", r.subject()).put("before", masked(r.before()))
        .put("after", masked(r.after()));
  }

  /** The state as shown: a phone number masked, whatever else as stored. */
  private static JsonObject masked(JsonObject state) {
    if (state == null || !(state.getValue(AuditEntry.PHONE) instanceof String phone)) {
      return state;
    }
    return state.copy().put(AuditEntry.PHONE, Phones.maskedForStaff(phone));
  }
}

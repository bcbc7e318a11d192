package vn.dossierpost.procedure;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Problems;

/**
 * The catalogue's routes. Admin ({@code /api/v1/admin/offices/{office}/procedures…}, ADMIN):
 * list, read, put (insert or replace), delete one procedure, import a CSV. Desk
 * ({@code /api/v1/procedures…}, DESK): its own office's catalogue, read only, for the desk form.
 * An unknown office, and any office but the desk's own, is 404.
 */
final class ProcedureRoutes {

  private final Procedures procedures;

  private ProcedureRoutes(Procedures procedures) {
    this.procedures = procedures;
  }

  /** Mounted below {@code /api/v1/admin/offices}. */
  static Router admin(Vertx vertx, Procedures procedures) {
    ProcedureRoutes routes = new ProcedureRoutes(procedures);
    Router router = Router.router(vertx);
    router.post("/:office/procedures/import").respond(ctx -> ProcedureImport.upload(ctx, procedures));
    router.get("/:office/procedures").respond(ctx -> routes.list(ctx.pathParam("office")));
    router.get("/:office/procedures/:code").respond(ctx ->
        routes.get(ctx.pathParam("office"), ctx.pathParam("code")));
    router.put("/:office/procedures/:code").respond(routes::put);
    router.delete("/:office/procedures/:code").respond(routes::delete);
    return router;
  }

  /** Mounted at {@code /api/v1/procedures}: the desk key's own office only. */
  static Router desk(Vertx vertx, Procedures procedures) {
    ProcedureRoutes routes = new ProcedureRoutes(procedures);
    Router router = Router.router(vertx);
    router.get("/").respond(ctx -> routes.list(Authenticate.principal(ctx).office()));
    router.get("/:code").respond(ctx ->
        routes.get(Authenticate.principal(ctx).office(), ctx.pathParam("code")));
    return router;
  }

  private Future<JsonObject> list(String office) {
    return procedures.list(office).map(list -> {
      JsonArray items = new JsonArray();
      list.forEach(p -> items.add(p.toJson()));
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> get(String office, String code) {
    return procedures.get(office, code).map(Procedure::toJson);
  }

  private Future<JsonObject> put(RoutingContext ctx) {
    Procedure procedure = ProcedureReader.read(ctx.pathParam("office"), ctx.pathParam("code"),
        Bodies.object(ctx));
    return procedures.put(Actor.of(ctx), procedure).map(stored -> {
      ctx.response().setStatusCode(stored.created() ? 201 : 200);
      return stored.procedure().toJson();
    });
  }

  private Future<JsonObject> delete(RoutingContext ctx) {
    return procedures.delete(Actor.of(ctx), ctx.pathParam("office"), ctx.pathParam("code"))
        .map(deleted -> {
          if (!deleted) {
            throw Problems.notFound();
          }
          return new JsonObject().put("deleted", true);
        });
  }
}

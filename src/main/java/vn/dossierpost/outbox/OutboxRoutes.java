package vn.dossierpost.outbox;

import io.vertx.core.Future;
import vn.dossierpost.audit.Actor;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;

/** {@code /api/v1/admin/outbox}: see dead and pending jobs, put a dead job back in line. */
public final class OutboxRoutes {

  private final Outbox outbox;

  private OutboxRoutes(Outbox outbox) {
    this.outbox = outbox;
  }

  public static Router router(Vertx vertx, Outbox outbox) {
    OutboxRoutes routes = new OutboxRoutes(outbox);
    Router router = Router.router(vertx);
    router.get("/").respond(routes::list);
    router.get("/stats").respond(routes::stats);
    router.get("/:id").respond(routes::get);
    router.post("/:id/retry").respond(routes::retry);
    return router;
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "DEAD" : ctx.queryParams().get("status");
    if (!List.of("DEAD", "PENDING", "DONE").contains(status)) {
      throw Problems.badQuery(List.of(new FieldError("status", "invalid_value",
          "Giá trị phải là DEAD, PENDING hoặc DONE.")));
    }
    long before = parseLong(ctx.queryParams().get("before"), Long.MAX_VALUE, "before");
    int limit = (int) Math.min(500, parseLong(ctx.queryParams().get("limit"), 100, "limit"));
    return outbox.list(status, before, Math.max(1, limit)).map(items -> {
      JsonObject page = new JsonObject().put("items", new JsonArray(items));
      if (items.size() == limit) {
        page.put("next", items.get(items.size() - 1).getLong("id"));
      }
      return page;
    });
  }

  private Future<JsonObject> stats(RoutingContext ctx) {
    return outbox.stats().map(s -> new JsonObject().put("pending", s.pending()).put("dead", s.dead())
        .put("oldestPendingSeconds", s.oldestPendingSeconds()));
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    return outbox.find(idParam(ctx)).map(found -> found.orElseThrow(Problems::notFound));
  }

  private Future<JsonObject> retry(RoutingContext ctx) {
    long id = idParam(ctx);
    return outbox.revive(Actor.of(ctx), id).compose(revived -> revived
        ? outbox.find(id).map(found -> found.orElseThrow(Problems::notFound))
        : outbox.find(id).map(found -> {
          throw found.isPresent()
              ? Problems.conflict("job-not-dead", "only a dead job can be retried")
              : Problems.notFound();
        }));
  }

  private static long idParam(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw Problems.notFound();
    }
  }

  private static long parseLong(String raw, long fallback, String name) {
    if (raw == null) {
      return fallback;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw Problems.badQuery(List.of(new FieldError(name, "not_integer", "Phải là số nguyên.")));
    }
  }
}

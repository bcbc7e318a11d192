package vn.dossierpost.callback;

import io.vertx.core.Future;
import vn.dossierpost.audit.Actor;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.outbox.Outbox;

/**
 * {@code /api/v1/callbacks} (DESK): the delivery log of the office's callbacks, and a manual
 * resend of one ({@link CallbackService}).
 */
final class CallbackRoutes {

  private final CallbackService callbacks;

  private CallbackRoutes(CallbackService callbacks) {
    this.callbacks = callbacks;
  }

  static Router router(Vertx vertx, Pool pool, Outbox outbox) {
    CallbackRoutes routes = new CallbackRoutes(new CallbackService(pool, outbox));
    Router router = Router.router(vertx);
    router.get("/").respond(routes::log);
    router.post("/:jobId/resend").respond(routes::resend);
    return router;
  }

  private Future<JsonObject> log(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID order = orderId(ctx.queryParams().get("orderId"));
    long before = number(ctx.queryParams().get("before"), Long.MAX_VALUE, "before");
    long limit = Math.max(1, Math.min(500, number(ctx.queryParams().get("limit"), 100, "limit")));
    return callbacks.log(office, order, before, limit);
  }

  private Future<JsonObject> resend(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    long id = number(ctx.pathParam("jobId"), -1, "jobId");
    return callbacks.resend(Actor.of(ctx), office, id).map(resent -> {
      ctx.response().setStatusCode(resent.status());
      return resent.body();
    });
  }

  private static UUID orderId(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException e) {
      throw Problems.badQuery(List.of(new FieldError("orderId", "invalid_id", "Không phải mã đơn hợp lệ.")));
    }
  }

  /** An integer parameter; a job id that is not one names no job (404). */
  private static long number(String raw, long fallback, String name) {
    if (raw == null) {
      return fallback;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      if ("jobId".equals(name)) {
        throw Problems.notFound();
      }
      throw Problems.badQuery(List.of(new FieldError(name, "not_integer", "Phải là số nguyên.")));
    }
  }
}

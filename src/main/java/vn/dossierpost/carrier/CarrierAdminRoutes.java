package vn.dossierpost.carrier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;

/**
 * {@code /api/v1/admin/carrier}: the polled records the contract refused, newest first, in pages
 * of {@code limit} (1–500, default 100) below {@code before} (the previous page's {@code next}).
 */
final class CarrierAdminRoutes {

  private static final Set<String> PARAMS = Set.of("before", "limit");
  private final Pool pool;

  private CarrierAdminRoutes(Pool pool) {
    this.pool = pool;
  }

  static Router router(Vertx vertx, Pool pool) {
    CarrierAdminRoutes routes = new CarrierAdminRoutes(pool);
    Router router = Router.router(vertx);
    router.get("/rejected").respond(routes::rejected);
    return router;
  }

  private Future<JsonObject> rejected(RoutingContext ctx) {
    List<FieldError> errors = new ArrayList<>();
    ctx.queryParams().names().stream().filter(n -> !PARAMS.contains(n)).sorted()
        .forEach(n -> errors.add(new FieldError(n, "unknown_parameter", "Tham số không được hỗ trợ.")));
    long before = number(ctx.queryParams().getAll("before"), "before", Long.MAX_VALUE, 1, Long.MAX_VALUE, errors);
    long limit = number(ctx.queryParams().getAll("limit"), "limit", 100, 1, 500, errors);
    if (!errors.isEmpty()) {
      throw Problems.badQuery(errors);
    }
    return RejectedRecords.list(pool, before, (int) limit).map(items -> {
      JsonObject page = new JsonObject().put("items", new JsonArray(items));
      if (items.size() == limit) {
        page.put("next", items.get(items.size() - 1).getLong("id"));
      }
      return page;
    });
  }

  private static long number(List<String> values, String name, long fallback, long min, long max,
      List<FieldError> errors) {
    if (values.isEmpty()) {
      return fallback;
    }
    if (values.size() > 1) {
      errors.add(new FieldError(name, "repeated", "Chỉ được có một giá trị."));
      return fallback;
    }
    try {
      long n = Long.parseLong(values.get(0));
      if (n < min || n > max) {
        errors.add(new FieldError(name, "out_of_range", "Phải trong khoảng " + min + " đến " + max + "."));
      }
      return n;
    } catch (NumberFormatException e) {
      errors.add(new FieldError(name, "not_integer", "Phải là số nguyên."));
      return fallback;
    }
  }
}

package vn.dossierpost.geo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;

/**
 * The desk form's pickers: {@code GET /api/v1/geo/provinces} and
 * {@code GET /api/v1/geo/provinces/{code}/communes?q=&limit=}. Reference data, the same for every
 * caller and with nothing personal in it, so the browser may keep an answer for a day instead of
 * the {@code no-store} every other JSON answer carries; {@code private}, because the request
 * carries a key and no shared cache should hold it. Answers are served from memory: the search
 * folds only the query.
 */
public final class GeoRoutes {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final String CACHE = "private, max-age=86400";
  private static final Set<String> QUERY = Set.of("q", "limit");

  private final AdminUnits units;
  private final JsonObject provinces;

  private GeoRoutes(AdminUnits units) {
    this.units = units;
    JsonArray items = new JsonArray();
    units.provinces().values().forEach(p -> items.add(new JsonObject().put("code", p.code())
        .put("name", p.name()).put("shortName", p.shortName())));
    this.provinces = new JsonObject().put("items", items);
  }

  public static Router router(Vertx vertx) {
    GeoRoutes routes = new GeoRoutes(AdminUnits.get());
    Router router = Router.router(vertx);
    router.get("/provinces").respond(routes::provinces);
    router.get("/provinces/:code/communes").respond(routes::communes);
    return router;
  }

  private Future<JsonObject> provinces(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", CACHE);
    return Future.succeededFuture(provinces.copy());
  }

  private Future<JsonObject> communes(RoutingContext ctx) {
    AdminUnits.Province province = units.province(ctx.pathParam("code"))
        .orElseThrow(Problems::notFound);
    List<FieldError> errors = new ArrayList<>();
    for (String name : ctx.queryParams().names()) {
      if (!QUERY.contains(name)) {
        errors.add(new FieldError(name, "unknown_parameter", "Tham số không được hỗ trợ."));
      }
    }
    String q = ctx.queryParams().get("q");
    if (q != null && q.length() > 100) {
      errors.add(new FieldError("q", "too_long", "Tối đa 100 ký tự."));
    }
    int limit = DEFAULT_LIMIT;
    String rawLimit = ctx.queryParams().get("limit");
    if (rawLimit != null) {
      try {
        limit = Integer.parseInt(rawLimit);
        if (limit < 1 || limit > MAX_LIMIT) {
          errors.add(new FieldError("limit", "out_of_range", "Phải trong khoảng 1 đến " + MAX_LIMIT + "."));
        }
      } catch (NumberFormatException e) {
        errors.add(new FieldError("limit", "not_integer", "Phải là số nguyên."));
      }
    }
    if (!errors.isEmpty()) {
      throw Problems.badQuery(errors);
    }
    JsonArray items = new JsonArray();
    for (AdminUnits.Commune c : units.search(province.code(), q, limit)) {
      items.add(new JsonObject().put("code", c.code()).put("name", c.name()).put("type", c.type())
          .put("provinceCode", c.provinceCode()));
    }
    ctx.response().putHeader("Cache-Control", CACHE);
    return Future.succeededFuture(new JsonObject().put("province", new JsonObject()
        .put("code", province.code()).put("name", province.name())
        .put("shortName", province.shortName())).put("items", items));
  }
}

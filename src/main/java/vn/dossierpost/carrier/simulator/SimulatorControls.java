package vn.dossierpost.carrier.simulator;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/** {@code /sim/*}: what tests and demos use to steer the simulated carrier. */
final class SimulatorControls {

  private SimulatorControls() {
  }

  static void mount(Router router, SimulatedCarrier carrier, Pusher pusher) {
    router.get("/sim/shipments").respond(ctx ->
        carrier.shipments(ctx.queryParams().get("orderNumber"))
            .map(items -> new JsonObject().put("items", items)));
    router.get("/sim/stats").respond(ctx -> Future.succeededFuture(carrier.stats.toJson()));
    router.get("/sim/faults").respond(ctx -> Future.succeededFuture(carrier.faults.get().toJson()));
    router.put("/sim/faults").respond(ctx -> {
      Faults faults = parse(ctx, Faults::fromJson);
      carrier.faults.set(faults);
      return Future.succeededFuture(faults.toJson());
    });
    router.delete("/sim/faults").respond(ctx -> {
      carrier.faults.set(Faults.NONE);
      return Future.succeededFuture(Faults.NONE.toJson());
    });
    router.put("/sim/scenarios/:orderNumber").respond(ctx -> {
      Scenario scenario = parse(ctx, json -> Scenario.valueOf(json.getString("scenario")));
      return carrier.setScenario(ctx.pathParam("orderNumber"), scenario)
          .map(v -> new JsonObject().put("orderNumber", ctx.pathParam("orderNumber"))
              .put("scenario", scenario.name()));
    });
    router.post("/sim/shipments/:itemCode/advance").respond(ctx -> {
      int steps = ctx.queryParams().contains("steps")
          ? Integer.parseInt(ctx.queryParams().get("steps")) : 1;
      return carrier.advance(ctx.pathParam("itemCode"), steps)
          .map(advanced -> new JsonObject().put("advanced", advanced));
    });
    router.post("/sim/shipments/:itemCode/events").respond(ctx -> {
      JsonObject record = parse(ctx, json -> json);
      return carrier.inject(ctx.pathParam("itemCode"), record)
          .map(v -> new JsonObject().put("published", true));
    });
    router.put("/sim/push").respond(ctx -> {
      Pusher.Target target = parse(ctx, json -> new Pusher.Target(
          java.util.Objects.requireNonNull(json.getString("url")),
          java.util.Objects.requireNonNull(json.getString("secret"))));
      pusher.configure(target);
      return Future.succeededFuture(new JsonObject().put("url", target.url()));
    });
    router.delete("/sim/push").respond(ctx -> {
      pusher.configure(null);
      return Future.succeededFuture(new JsonObject().put("url", (String) null));
    });
  }

  private static <T> T parse(RoutingContext ctx, java.util.function.Function<JsonObject, T> reader) {
    try {
      return reader.apply(ctx.body().asJsonObject());
    } catch (RuntimeException e) {
      throw new HttpException(400, "bad control request: " + e.getMessage());
    }
  }
}

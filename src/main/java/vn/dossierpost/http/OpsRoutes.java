package vn.dossierpost.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * {@code /health}: the process answers and its embedded database, if any, has not failed to
 * restart several times in a row (then 503: restarting the service is in order). {@code /ready}: the database answers and carries every
 * migration of this build, and the process is not draining. {@code /metrics}: Prometheus text.
 */
public final class OpsRoutes {

  private static final String APPLIED_VERSION = """
      SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL
      ORDER BY installed_rank DESC LIMIT 1
      """;

  private final Pool pool;
  private final String expectedSchema;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean draining;
  private final BooleanSupplier databaseHealthy;

  private OpsRoutes(Pool pool, String expectedSchema, PrometheusMeterRegistry registry,
      AtomicBoolean draining, BooleanSupplier databaseHealthy) {
    this.databaseHealthy = databaseHealthy;
    this.pool = pool;
    this.expectedSchema = expectedSchema;
    this.registry = registry;
    this.draining = draining;
  }

  public static void mount(Router router, Pool pool, String expectedSchema,
      PrometheusMeterRegistry registry, AtomicBoolean draining, BooleanSupplier databaseHealthy) {
    OpsRoutes routes = new OpsRoutes(pool, expectedSchema, registry, draining, databaseHealthy);
    router.get("/health").respond(routes::health);
    router.get("/ready").respond(routes::ready);
    router.get("/metrics").respond(routes::metrics);
  }

  private Future<JsonObject> health(RoutingContext ctx) {
    if (!databaseHealthy.getAsBoolean()) {
      ctx.response().setStatusCode(503);
      return Future.succeededFuture(new JsonObject().put("status", "DOWN").put("database", "DOWN"));
    }
    return Future.succeededFuture(new JsonObject().put("status", "UP"));
  }

  private Future<JsonObject> ready(RoutingContext ctx) {
    if (draining.get()) {
      ctx.response().setStatusCode(503);
      return Future.succeededFuture(new JsonObject().put("status", "DRAINING"));
    }
    return pool.query(APPLIED_VERSION).execute()
        .map(rows -> {
          String applied = rows.size() == 0 ? "0" : rows.iterator().next().getString("version");
          boolean migrated = expectedSchema.equals(applied);
          if (!migrated) {
            ctx.response().setStatusCode(503);
          }
          return new JsonObject().put("status", migrated ? "READY" : "NOT_MIGRATED")
              .put("database", "UP").put("schema", applied).put("expectedSchema", expectedSchema);
        })
        .otherwise(err -> {
          ctx.response().setStatusCode(503);
          return new JsonObject().put("status", "NOT_READY").put("database", "DOWN");
        });
  }

  private Future<String> metrics(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    return Future.succeededFuture(registry.scrape());
  }
}

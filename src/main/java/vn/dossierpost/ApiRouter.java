package vn.dossierpost;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FailureHandler;
import vn.dossierpost.http.InflightLimit;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.OpsRoutes;
import vn.dossierpost.http.RequestLog;
import vn.dossierpost.http.Role;

/** The route table of the service: who may call which prefix, then each feature's routes. */
final class ApiRouter {

  private ApiRouter() {
  }

  static Router create(Vertx vertx, Wiring.Components c) {
    Wiring.Http http = c.http();
    Router router = Router.router(vertx);
    FailureHandler failures = FailureHandler.create();
    router.route().handler(RequestLog.create());
    router.route().handler(JsonContent.answerHeaders());
    // Health, readiness and metrics answer whatever the clients do: no limit applies to them.
    OpsRoutes.mount(router, http.pool(), http.schema(), http.registry(), http.draining(),
        http.databaseHealthy());

    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(http.config().maxBodyBytes()));

    // Who may call what; the carrier's webhook, SMS receipts and the tracking page check their own.
    router.route("/api/v1/orders*").handler(auth(http, Role.DESK));
    router.route("/api/v1/dossiers*").handler(auth(http, Role.DESK));
    router.route("/api/v1/scans*").handler(auth(http, Role.COURIER));
    router.route("/api/v1/courier/*").handler(auth(http, Role.COURIER));
    router.route("/api/v1/callbacks*").handler(auth(http, Role.DESK));
    router.route("/api/v1/reports*").handler(auth(http, Role.DESK));
    router.route("/api/v1/labels*").handler(auth(http, Role.DESK));
    router.route("/api/v1/manifests*").handler(auth(http, Role.DESK));
    router.route("/api/v1/procedures*").handler(auth(http, Role.DESK));
    router.route("/api/v1/handovers*").handler(auth(http, Role.DESK));
    router.route("/api/v1/admin/*").handler(auth(http, Role.ADMIN));
    // Reference data for the forms that take an address: offices' desks and their admins.
    router.route("/api/v1/geo/*").handler(Authenticate.roles(http.apiKeys()::authenticate,
        http.rateLimiter(), Role.DESK, Role.ADMIN));

    // After the body and the key: counts work in progress per caller, not uploads. Not a
    // catch-all route: one would turn a wrong method on /health from 405 into 404.
    InflightLimit limit = InflightLimit.create(http.inflight(), http.config().maxInflightRequests(),
        http.inflightPerClient(), http.config().edge().maxInflightPerClient());
    for (String served : new String[] {"/api/*", "/t/*", "/app/*"}) {
      router.route(served).handler(limit);
    }

    Feature.Mount mount = new Feature.Mount(vertx, router);
    c.features().forEach(feature -> feature.mount(mount));

    // The desk and courier pages: static files, no build step, scripts only from here.
    router.get("/").handler(ctx -> ctx.redirect("/app/desk.html"));
    router.route("/app/*").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
              + "media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self' blob:; object-src 'none'; "
              + "base-uri 'none'; "
              + "form-action 'self'; frame-ancestors 'none'")
          .putHeader("Referrer-Policy", "no-referrer").putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    }).handler(StaticHandler.create("webroot").setCachingEnabled(false).setDirectoryListing(false)
        .setIncludeHidden(false));

    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 406, 408, 413, 414, 415, 431, 500}) {
      router.errorHandler(status, failures);
    }
    return router;
  }

  private static Authenticate auth(Wiring.Http http, Role role) {
    return Authenticate.roles(http.apiKeys()::authenticate, http.rateLimiter(), role);
  }
}

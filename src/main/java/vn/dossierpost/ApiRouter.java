package vn.dossierpost;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import vn.dossierpost.access.AdminRoutes;
import vn.dossierpost.callback.CallbackRoutes;
import vn.dossierpost.citizen.TrackingRoutes;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.FailureHandler;
import vn.dossierpost.http.InflightLimit;
import vn.dossierpost.http.OpsRoutes;
import vn.dossierpost.http.RequestLog;
import vn.dossierpost.http.Role;
import vn.dossierpost.label.LabelRoutes;
import vn.dossierpost.notify.PhoneCorrection;
import vn.dossierpost.notify.SmsReceiptRoutes;
import vn.dossierpost.order.OrderImport;
import vn.dossierpost.order.OrderRoutes;
import vn.dossierpost.outbox.OutboxRoutes;
import vn.dossierpost.tracking.inbox.CarrierEventRoutes;
import vn.dossierpost.tracking.OrderEventRoutes;
import vn.dossierpost.courier.ReceiptRoutes;
import vn.dossierpost.report.ReportRoutes;
import vn.dossierpost.courier.ScanRoutes;

/** The route table of the service: one line per feature, each a sub-router. */
final class ApiRouter {

  private ApiRouter() {
  }

  static Router create(Vertx vertx, Services s) {
    Router router = Router.router(vertx);
    FailureHandler failures = FailureHandler.create();
    router.route().handler(RequestLog.create());
    router.route().handler(InflightLimit.create(s.inflight(), s.config().http().maxInflightRequests()));
    OpsRoutes.mount(router, s.pool(), s.expectedSchema(), s.registry(), s.draining());

    router.route("/api/*").handler(BodyHandler.create(false)
        .setBodyLimit(s.config().http().maxBodyBytes()));

    router.route("/api/v1/orders*").handler(auth(s, Role.DESK));
    router.route("/api/v1/orders*").subRouter(LabelRoutes.orderLabel(vertx, s.labels(), s.manifests()));
    router.route("/api/v1/orders*").subRouter(OrderImport.router(vertx, s.orders()));
    router.route("/api/v1/orders*").subRouter(OrderRoutes.router(vertx, s.orders()));
    router.route("/api/v1/orders*").subRouter(OrderEventRoutes.router(vertx, s.pool(), s.orders(),
        s.reconciler(), s.outbox()));
    router.route("/api/v1/orders*").subRouter(ReceiptRoutes.router(vertx, s.pool(), s.ingest()));
    router.route("/api/v1/orders*").subRouter(PhoneCorrection.router(vertx, s.pool(), s.links()));
    router.route("/api/v1/sms*").subRouter(SmsReceiptRoutes.router(vertx, s.pool(),
        s.config().sms().receiptSecret()));
    router.route("/t*").subRouter(TrackingRoutes.router(vertx, s.reads(), s.trackingLimiter(),
        s.registry()));
    router.route("/api/v1/carrier*").subRouter(CarrierEventRoutes.router(vertx, s.committer(),
        s.records(), () -> s.offices().webhookSecrets(s.config().carrier().name()),
        s.apiKeys()::authenticate));
    router.route("/api/v1/scans*").handler(auth(s, Role.COURIER));
    router.route("/api/v1/scans*").subRouter(ScanRoutes.router(vertx, s.pool(), s.ingest()));
    router.route("/api/v1/callbacks*").handler(auth(s, Role.DESK));
    router.route("/api/v1/callbacks*").subRouter(CallbackRoutes.router(vertx, s.pool(), s.outbox()));
    router.route("/api/v1/reports*").handler(auth(s, Role.DESK));
    router.route("/api/v1/reports*").subRouter(ReportRoutes.router(vertx, s.pool(), s.offices()));
    router.route("/api/v1/labels*").handler(auth(s, Role.DESK));
    router.route("/api/v1/labels*").subRouter(LabelRoutes.labels(vertx, s.labels(), s.manifests()));
    router.route("/api/v1/manifests*").handler(auth(s, Role.DESK));
    router.route("/api/v1/manifests*").subRouter(LabelRoutes.manifests(vertx, s.labels(), s.manifests()));

    router.route("/api/v1/admin/*").handler(auth(s, Role.ADMIN));
    router.route("/api/v1/admin/outbox*").subRouter(OutboxRoutes.router(vertx, s.outbox()));
    router.route("/api/v1/admin*").subRouter(AdminRoutes.router(vertx, s.offices(), s.apiKeys()));

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
    for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 500}) {
      router.errorHandler(status, failures);
    }
    return router;
  }

  private static Authenticate auth(Services s, Role role, Role... more) {
    return Authenticate.roles(s.apiKeys()::authenticate, s.rateLimiter(), role, more);
  }
}

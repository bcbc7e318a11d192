package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.dossierpost.access.Offices;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Problems;
import vn.dossierpost.label.HandoverPrinter;
import vn.dossierpost.label.HandoverRecord;
import vn.dossierpost.label.Rendered;

/**
 * Post → desk handovers. COURIER: {@code POST /api/v1/courier/handovers}, and
 * {@code GET /api/v1/courier/handovers/{code}} with its {@code /record.pdf} (the list to sign).
 * DESK: {@code GET /api/v1/handovers/{code}}, {@code POST …/{code}/receive} and
 * {@code GET …/{code}/record.pdf}. Another unit's or another office's record is not found.
 */
final class HandoverRoutes {

  private static final Pattern CODE = Pattern.compile("^BG[0-9A-Z]{10}$");

  private final HandoverService handovers;
  private final Offices offices;
  private final HandoverPrinter printer;

  HandoverRoutes(HandoverService handovers, Offices offices, HandoverPrinter printer) {
    this.handovers = handovers;
    this.offices = offices;
    this.printer = printer;
  }

  Router courier(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(this::create);
    router.get("/:code").respond(ctx -> ofCourier(ctx).map(HandoverService::toJson));
    router.get("/:code/record.pdf").respond(ctx -> ofCourier(ctx).compose(h -> pdf(ctx, h)));
    return router;
  }

  Router desk(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/:code").respond(ctx -> ofDesk(ctx).map(HandoverService::toJson));
    router.post("/:code/receive").handler(JsonContent.required()).respond(this::receive);
    router.get("/:code/record.pdf").respond(ctx -> ofDesk(ctx).compose(h -> pdf(ctx, h)));
    return router;
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    String key = Idempotency.requireKey(ctx);
    JsonObject body = Bodies.object(ctx);
    HandoverValidator.Create request = HandoverValidator.create(body);
    return handovers.create(Authenticate.principal(ctx), Actor.of(ctx), key, body, request)
        .map(created -> {
          ctx.response().setStatusCode(201)
              .putHeader("Location", "/api/v1/courier/handovers/" + created.handover().code());
          if (created.replayed()) {
            ctx.response().putHeader("Idempotent-Replayed", "true");
          }
          return HandoverService.toJson(created.handover());
        });
  }

  private Future<JsonObject> receive(RoutingContext ctx) {
    String code = code(ctx);
    var tallies = HandoverValidator.receive(Bodies.object(ctx));
    return handovers.receive(Actor.of(ctx), Authenticate.principal(ctx).office(), code, tallies)
        .map(HandoverService::toJson);
  }

  private Future<HandoverService.Handover> ofDesk(RoutingContext ctx) {
    return handovers.forDesk(Authenticate.principal(ctx).office(), code(ctx));
  }

  private Future<HandoverService.Handover> ofCourier(RoutingContext ctx) {
    Principal courier = Authenticate.principal(ctx);
    return HandoverService.find(handovers.pool(), code(ctx), null, courier.scope())
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(Problems.notFound())));
  }

  /** The code as scanned or typed: spaces and case forgiven; anything else is not found. */
  private static String code(RoutingContext ctx) {
    String code = ctx.pathParam("code").replace(" ", "").toUpperCase(Locale.ROOT);
    if (!CODE.matcher(code).matches()) {
      throw Problems.notFound();
    }
    return code;
  }

  private Future<Buffer> pdf(RoutingContext ctx, HandoverService.Handover h) {
    return offices.find(h.officeCode()).compose(office -> printer.pdf(new HandoverRecord(h.code(),
            office.orElseThrow(), h.postalUnit(), h.courierName(), h.createdAt(), h.receivedAt(),
            h.items().stream().map(HandoverRoutes::row).toList())))
        .map(rendered -> send(ctx, rendered));
  }

  private static HandoverRecord.Row row(HandoverService.Item i) {
    JsonObject r = i.received();
    String procedure = i.procedureCode() == null ? i.contents()
        : i.contents() == null ? i.procedureCode() : i.procedureCode() + " · " + i.contents();
    String note = null;
    if (r != null && !r.getBoolean("match", true)) {
      note = String.join("; ", r.getJsonArray("discrepancies").stream().map(String::valueOf).toList());
    }
    JsonObject fee = r == null ? null : r.getJsonObject("feeHandedOver");
    return new HandoverRecord.Row(i.dossierCode(), i.itemCode(), procedure, i.expectedCount(),
        r == null ? null : r.getInteger("count"),
        r != null && r.getString("sealNumber") != null ? r.getString("sealNumber") : i.sealNumber(),
        r == null ? null : fee == null ? 0L : fee.getLong("amount"), note);
  }

  private static Buffer send(RoutingContext ctx, Rendered rendered) {
    ctx.response().putHeader("Content-Type", rendered.contentType())
        .putHeader("Content-Disposition", "inline; filename=\"" + rendered.filename() + "\"")
        .putHeader("Cache-Control", "private, no-store");
    return Buffer.buffer(rendered.body());
  }
}

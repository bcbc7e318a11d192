package vn.dossierpost.label;

import io.vertx.core.Future;
import vn.dossierpost.audit.Actor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.Problems;

/**
 * Labels and handover records for DESK keys: {@code GET /api/v1/orders/{id}/label},
 * {@code POST /api/v1/labels}, {@code POST /api/v1/manifests}, {@code GET /api/v1/manifests/{id}}
 * and its {@code /pdf}.
 */
final class LabelRoutes {

  private static final Pattern POSTAL_UNIT = Pattern.compile("^\\d{6}$");

  private final LabelService labels;
  private final ManifestService manifests;

  private LabelRoutes(LabelService labels, ManifestService manifests) {
    this.labels = labels;
    this.manifests = manifests;
  }

  /** The label of one order, mounted on the orders path. */
  static Router orderLabel(Vertx vertx, LabelService labels, ManifestService manifests) {
    LabelRoutes routes = new LabelRoutes(labels, manifests);
    Router router = Router.router(vertx);
    router.get("/:id/label").respond(routes::label);
    return router;
  }

  static Router labels(Vertx vertx, LabelService labels, ManifestService manifests) {
    LabelRoutes routes = new LabelRoutes(labels, manifests);
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::batch);
    return router;
  }

  static Router manifests(Vertx vertx, LabelService labels, ManifestService manifests) {
    LabelRoutes routes = new LabelRoutes(labels, manifests);
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::createManifest);
    router.get("/:id").respond(routes::getManifest);
    router.get("/:id/pdf").respond(routes::manifestPdf);
    return router;
  }

  private Future<Buffer> label(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    List<FieldError> errors = new ArrayList<>();
    LabelFormat format = format(ctx.queryParams().get("format"), LabelFormat.PDF, errors);
    int dpi = dpi(ctx.queryParams().get("dpi"), errors);
    Labels.Media media = media(ctx.queryParams().get("media"), errors);
    if (media == Labels.Media.A4 && format != LabelFormat.PDF) {
      errors.add(new FieldError("media", "a4_needs_pdf", "Khổ A4 chỉ có ở định dạng PDF."));
    }
    if (!errors.isEmpty()) {
      throw Problems.badQuery(errors);
    }
    return labels.label(office, Bodies.uuidParam(ctx, "id"), format, media, dpi)
        .map(rendered -> send(ctx, rendered));
  }

  private Future<Buffer> batch(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    JsonObject body = Bodies.object(ctx);
    Fields in = Fields.of(body, Set.of("orderIds", "format", "media", "dpi"));
    List<UUID> ids = orderIds(in);
    List<FieldError> errors = new ArrayList<>(in.errors());
    LabelFormat format = format(text(body, "format"), LabelFormat.PDF, errors);
    if (format == LabelFormat.PNG) {
      errors.add(new FieldError("format", "invalid_value", "Nhiều nhãn chỉ in được bằng PDF hoặc ZPL."));
    }
    Labels.Media media = media(text(body, "media"), errors);
    int dpi = dpi(text(body, "dpi"), errors);
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return labels.labels(office, ids, format, media, dpi).map(rendered -> send(ctx, rendered));
  }

  /** A scalar body value as text (numbers too), or null when absent. */
  private static String text(JsonObject body, String key) {
    Object value = body.getValue(key);
    return value == null || value instanceof JsonObject || value instanceof JsonArray ? null
        : String.valueOf(value);
  }

  private Future<Object> createManifest(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    Fields in = Fields.of(Bodies.object(ctx), Set.of("orderIds", "courierName", "postalUnit", "note"));
    List<UUID> ids = orderIds(in);
    String courier = in.text("courierName", false, 2, 100);
    String unit = in.code("postalUnit", false, POSTAL_UNIT, "Mã bưu cục gồm đúng 6 chữ số.");
    String note = in.text("note", false, 1, 300);
    in.throwIfInvalid();
    boolean wantsPdf = ctx.request().getHeader("Accept") != null
        && ctx.request().getHeader("Accept").contains("application/pdf");
    return manifests.create(Actor.of(ctx), office, new ManifestService.Request(ids, courier, unit, note))
        .compose(manifest -> {
          ctx.response().setStatusCode(201)
              .putHeader("Location", "/api/v1/manifests/" + manifest.id());
          return wantsPdf
              ? manifests.pdf(office, manifest.id()).map(r -> (Object) send(ctx, r))
              : Future.succeededFuture(manifest.toJson());
        });
  }

  private Future<JsonObject> getManifest(RoutingContext ctx) {
    return manifests.get(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"))
        .map(Manifest::toJson);
  }

  private Future<Buffer> manifestPdf(RoutingContext ctx) {
    return manifests.pdf(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"))
        .map(rendered -> send(ctx, rendered));
  }

  private static Buffer send(RoutingContext ctx, Rendered rendered) {
    ctx.response().putHeader("Content-Type", rendered.contentType())
        .putHeader("Content-Disposition", "inline; filename=\"" + rendered.filename() + "\"")
        .putHeader("Cache-Control", "private, no-store");
    return Buffer.buffer(rendered.body());
  }

  private static List<UUID> orderIds(Fields in) {
    JsonArray array = in.array("orderIds", true, LabelService.MAX_BATCH);
    List<UUID> ids = new ArrayList<>();
    if (array == null) {
      return ids;
    }
    if (array.isEmpty()) {
      in.error("orderIds", "empty", "Chọn ít nhất một đơn.");
    }
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      try {
        UUID id = UUID.fromString((String) value);
        if (!seen.add(id)) {
          in.error("orderIds[" + i + "]", "duplicate", "Đơn này đã có trong danh sách.");
        }
        ids.add(id);
      } catch (RuntimeException e) {
        in.error("orderIds[" + i + "]", "invalid_id", "Không phải mã đơn hợp lệ.");
      }
    }
    return ids;
  }

  private static LabelFormat format(String raw, LabelFormat fallback, List<FieldError> errors) {
    if (raw == null) {
      return fallback;
    }
    return LabelFormat.parse(raw).orElseGet(() -> {
      errors.add(new FieldError("format", "invalid_value", "Định dạng là png, pdf hoặc zpl."));
      return fallback;
    });
  }

  private static int dpi(String raw, List<FieldError> errors) {
    if (raw == null) {
      return 203;
    }
    if (!raw.equals("203") && !raw.equals("300")) {
      errors.add(new FieldError("dpi", "invalid_value", "Độ phân giải là 203 hoặc 300 dpi."));
      return 203;
    }
    return Integer.parseInt(raw);
  }

  private static Labels.Media media(String raw, List<FieldError> errors) {
    if (raw == null || raw.equalsIgnoreCase("thermal")) {
      return Labels.Media.THERMAL;
    }
    if (raw.equalsIgnoreCase("a4")) {
      return Labels.Media.A4;
    }
    errors.add(new FieldError("media", "invalid_value", "Khổ giấy là thermal hoặc a4."));
    return Labels.Media.THERMAL;
  }
}

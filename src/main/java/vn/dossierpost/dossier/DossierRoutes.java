package vn.dossierpost.dossier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.courier.DeskReceipts;
import vn.dossierpost.courier.Receipt;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.JsonContent;

/** {@code /api/v1/dossiers}: DESK keys, each limited to its own office. */
final class DossierRoutes {

  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

  private final DossierService dossiers;

  private DossierRoutes(DossierService dossiers) {
    this.dossiers = dossiers;
  }

  static Router router(Vertx vertx, DossierService dossiers) {
    DossierRoutes routes = new DossierRoutes(dossiers);
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::create);
    router.get("/").respond(routes::list);
    router.get("/:id").respond(routes::get);
    for (Step step : Step.values()) {
      router.post("/:id/" + step.path()).handler(JsonContent.optional())
          .respond(ctx -> routes.step(ctx, step));
    }
    return router;
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    String key = Idempotency.requireKey(ctx);
    DossierRequest request = DossierValidator.read(Bodies.object(ctx));
    return dossiers.create(Actor.of(ctx), Authenticate.principal(ctx).office(), key, request)
        .map(answer -> {
          answer(ctx, answer);
          if (answer.status() == 201) {
            ctx.response().putHeader("Location", "/api/v1/dossiers/" + answer.body().getString("id"));
          }
          return answer.body();
        });
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    return dossiers.list(Authenticate.principal(ctx).office(), DossierQuery.parse(ctx.queryParams()));
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    return dossiers.get(Authenticate.principal(ctx).office(), Bodies.uuidParam(ctx, "id"));
  }

  private Future<JsonObject> step(RoutingContext ctx, Step step) {
    java.util.UUID id = Bodies.uuidParam(ctx, "id");
    String key = Idempotency.requireKey(ctx);
    JsonObject body = Bodies.optionalObject(ctx);
    DossierService.StepRequest request = read(step, body);
    return dossiers.step(Actor.of(ctx), Authenticate.principal(ctx).office(), key, id, request)
        .map(answer -> {
          answer(ctx, answer);
          return answer.body();
        });
  }

  private static void answer(RoutingContext ctx, DossierService.Answer answer) {
    ctx.response().setStatusCode(answer.status());
    if (answer.replayed()) {
      ctx.response().putHeader("Idempotent-Replayed", "true");
    }
  }

  /** Each step's body, every violation at once (422); nothing is stored before this passes. */
  static DossierService.StepRequest read(Step step, JsonObject body) {
    return switch (step) {
      case RECEIVE -> {
        // the appointment date is the dossier's; the rest is the leg's receipt, read as the
        // order's receive reads it
        LocalDate appointment = null;
        Fields in = Fields.of(new JsonObject().put("appointmentDate", body.getValue("appointmentDate")),
            Set.of("appointmentDate"));
        String date = in.code("appointmentDate", false, DATE, "Ngày hẹn trả kết quả dạng YYYY-MM-DD.");
        if (date != null) {
          try {
            appointment = LocalDate.parse(date);
          } catch (RuntimeException e) {
            in.error("appointmentDate", "invalid_date", "Ngày hẹn trả không hợp lệ.");
          }
        }
        in.throwIfInvalid();
        Receipt receipt = DeskReceipts.read(body);
        yield new DossierService.StepRequest(step, body, receipt, appointment, null, null);
      }
      case SUPPLEMENT -> {
        Fields in = Fields.of(body, Set.of("documents", "reason"));
        JsonArray documents = in.array("documents", true, 50);
        JsonArray names = new JsonArray();
        if (documents != null) {
          if (documents.isEmpty()) {
            in.error("documents", "empty", "Ghi ít nhất một giấy tờ cần bổ sung.");
          }
          for (int i = 0; i < documents.size(); i++) {
            Object v = documents.getValue(i);
            if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
              in.error("documents[" + i + "]", "invalid_text", "Tên giấy tờ: 1 đến 200 ký tự.");
            } else {
              names.add(Fields.normalize(s.strip()));
            }
          }
        }
        String reason = in.text("reason", true, 3, 500);
        in.throwIfInvalid();
        yield new DossierService.StepRequest(step, body, null, null, names, reason);
      }
      case CANCEL -> {
        Fields in = Fields.of(body, Set.of("reason"));
        String reason = in.text("reason", false, 1, 300);
        in.throwIfInvalid();
        yield new DossierService.StepRequest(step, body, null, null, null, reason);
      }
      default -> {
        Fields in = Fields.of(body, Set.of("note"));
        in.text("note", false, 1, 500);
        in.throwIfInvalid();
        yield new DossierService.StepRequest(step, body, null, null, null, null);
      }
    };
  }
}

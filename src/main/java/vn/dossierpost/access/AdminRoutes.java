package vn.dossierpost.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.geo.Address;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.OutboundTargets;
import vn.dossierpost.http.Problems;
import vn.dossierpost.http.Role;

/**
 * {@code /api/v1/admin}: offices, API keys and webhook secrets. ADMIN role only. A callback URL
 * must be https to a public address ({@link OutboundTargets}); a name is resolved and refused
 * if any address is not public. A name that does not resolve now is accepted: the callback job
 * checks again on each send. {@code DP_CALLBACK_ALLOW_PRIVATE} lifts both rules.
 */
final class AdminRoutes {

  static final Pattern OFFICE_CODE = Pattern.compile("^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$");
  private static final Pattern POSTAL_UNIT = Pattern.compile("^\\d{6}$");
  private static final Pattern CARRIER = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");
  private static final Pattern URL = Pattern.compile("^https?://[^\\s]{3,500}$");

  private final Offices offices;
  private final ApiKeys keys;
  private final boolean callbackAllowPrivate;
  private final OutboundTargets.Resolver resolver;

  private AdminRoutes(Offices offices, ApiKeys keys, boolean callbackAllowPrivate,
      OutboundTargets.Resolver resolver) {
    this.offices = offices;
    this.keys = keys;
    this.callbackAllowPrivate = callbackAllowPrivate;
    this.resolver = resolver;
  }

  static Router router(Vertx vertx, Offices offices, ApiKeys keys, boolean callbackAllowPrivate) {
    AdminRoutes routes = new AdminRoutes(offices, keys, callbackAllowPrivate,
        OutboundTargets.system(vertx, Duration.ofSeconds(2)));
    Router router = Router.router(vertx);
    router.post("/offices").respond(routes::createOffice);
    router.get("/offices").respond(routes::listOffices);
    router.get("/offices/:code").respond(routes::getOffice);
    router.put("/offices/:code/callback").respond(routes::setCallback);
    router.put("/offices/:code/policy").respond(routes::setPolicy);
    router.post("/keys").respond(routes::issueKey);
    router.get("/keys").respond(routes::listKeys);
    router.post("/keys/:id/revoke").respond(routes::revokeKey);
    router.post("/webhook-secrets").respond(routes::newWebhookSecret);
    return router;
  }

  private Future<JsonObject> createOffice(RoutingContext ctx) {
    Fields in = Fields.of(Bodies.object(ctx),
        Set.of("code", "name", "address", "phone", "callbackUrl"));
    String code = in.code("code", true, OFFICE_CODE,
        "Mã cơ quan có dạng DDD.DD.DD.LDD, ví dụ 000.00.12.H56.");
    String name = in.text("name", true, 3, 200);
    Address address = Address.read(in.object("address", true, Address.FIELDS));
    String phone = in.text("phone", true, 8, 20);
    if (phone != null && Phones.toE164(phone).isEmpty()) {
      in.error("phone", "invalid_phone", "Không phải số điện thoại Việt Nam hợp lệ.");
    }
    String callbackUrl = in.code("callbackUrl", false, URL, urlMessage());
    checkCallbackUrl(in, "callbackUrl", callbackUrl);
    in.throwIfInvalid();
    return resolvedCallbackUrl("callbackUrl", callbackUrl).compose(v -> {
      String secret = callbackUrl == null ? null : Offices.newSecret();
      Office office = new Office(code, name, address, Phones.toE164(phone).orElseThrow(),
          callbackUrl, new JsonObject());
      ctx.response().setStatusCode(201);
      return offices.create(Actor.of(ctx), office, secret)
          .map(created -> created.toJson().put("callbackSecret", secret));
    });
  }

  private Future<JsonObject> listOffices(RoutingContext ctx) {
    return offices.list().map(list -> {
      JsonArray items = new JsonArray();
      list.forEach(o -> items.add(o.toJson()));
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> getOffice(RoutingContext ctx) {
    return offices.find(ctx.pathParam("code"))
        .map(found -> found.orElseThrow(Problems::notFound).toJson());
  }

  private Future<JsonObject> setCallback(RoutingContext ctx) {
    Fields in = Fields.of(Bodies.object(ctx), Set.of("url"));
    String url = in.code("url", true, URL, urlMessage());
    checkCallbackUrl(in, "url", url);
    in.throwIfInvalid();
    String secret = Offices.newSecret();
    return resolvedCallbackUrl("url", url)
        .compose(v -> offices.setCallback(Actor.of(ctx), ctx.pathParam("code"), url, secret)).map(found -> {
          if (!found) {
            throw Problems.notFound();
          }
          return new JsonObject().put("callbackUrl", url).put("callbackSecret", secret);
        });
  }

  private String urlMessage() {
    return callbackAllowPrivate ? "Phải là một URL http(s)." : "Phải là một URL https.";
  }

  /** The scheme, the shape and an IP literal host of a callback URL, as field errors. */
  private void checkCallbackUrl(Fields in, String field, String url) {
    if (url == null) {
      return;
    }
    OutboundTargets.urlProblem(url, callbackAllowPrivate).ifPresent(problem -> {
      if (problem.startsWith("the scheme")) {
        in.error(field, "https_required", "Phải là một URL https.");
      } else if (problem.startsWith("the URL needs a host")) {
        in.error(field, "invalid_url", "URL phải có tên máy chủ, không kèm tên người dùng, mật khẩu hay phần sau dấu #.");
      } else {
        in.error(field, "forbidden_address", "Không được trỏ tới địa chỉ nội bộ hay không công khai: " + problem + ".");
      }
    });
  }

  /**
   * Fails with a 422 naming {@code field} when the URL's host name resolves to any non-public
   * address; a name that does not resolve now (or too slowly) passes, checked again on send.
   */
  private Future<Void> resolvedCallbackUrl(String field, String url) {
    if (url == null || callbackAllowPrivate) {
      return Future.succeededFuture();
    }
    String host = OutboundTargets.host(java.net.URI.create(url));
    if (OutboundTargets.literal(host).isPresent()) {
      return Future.succeededFuture();
    }
    return resolver.resolve(host).transform(ar -> {
      java.util.Optional<String> forbidden = ar.succeeded()
          ? OutboundTargets.anyForbidden(ar.result()) : java.util.Optional.empty();
      return forbidden.isEmpty() ? Future.<Void>succeededFuture()
          : Future.<Void>failedFuture(Problems.validation(java.util.List.of(new FieldError(field,
              "forbidden_address", "Không được trỏ tới địa chỉ nội bộ hay không công khai: " + host
                  + " resolves to " + forbidden.get() + "."))));
    });
  }

  /** The policy sent replaces the stored one, except that units not named are kept. */
  private Future<JsonObject> setPolicy(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    Policy policy = Policy.read(body);
    boolean keepUnits = !body.containsKey(Policy.SERVING_POSTAL_UNITS);
    return offices.setPolicy(Actor.of(ctx), ctx.pathParam("code"), policy.toJson(), keepUnits)
        .map(stored -> stored.orElseThrow(Problems::notFound).toJson());
  }

  private Future<JsonObject> issueKey(RoutingContext ctx) {
    Fields in = Fields.of(Bodies.object(ctx), Set.of("role", "scope", "label"));
    Role role = in.enumValue("role", Role.class, true);
    String label = in.text("label", false, 1, 100);
    String scope = switch (role == null ? Role.ADMIN : role) {
      case DESK -> in.code("scope", true, OFFICE_CODE, "Phạm vi của khóa DESK là mã một cơ quan.");
      case COURIER -> in.code("scope", true, POSTAL_UNIT,
          "Phạm vi của khóa COURIER là mã bưu cục gồm 6 chữ số.");
      case CARRIER -> in.code("scope", true, CARRIER, "Phạm vi của khóa CARRIER là tên hãng, ví dụ VNPOST.");
      case ADMIN -> "*";
    };
    in.throwIfInvalid();
    Future<Void> scopeExists = role == Role.DESK
        ? offices.find(scope).compose(office -> office.isPresent() ? Future.<Void>succeededFuture()
            : Future.failedFuture(Problems.validation(java.util.List.of(
                new FieldError("scope", "unknown_office",
                    "Không có cơ quan với mã này.")))))
        : Future.succeededFuture();
    return scopeExists
        .compose(v -> keys.issue(Actor.of(ctx), role, scope, label == null ? "" : label))
        .map(issued -> {
          ctx.response().setStatusCode(201);
          return issued.toJson();
        });
  }

  private Future<JsonObject> listKeys(RoutingContext ctx) {
    return keys.list().map(list -> {
      JsonArray items = new JsonArray();
      list.forEach(k -> items.add(k.toJson()));
      return new JsonObject().put("items", items);
    });
  }

  private Future<JsonObject> revokeKey(RoutingContext ctx) {
    return keys.revoke(Actor.of(ctx), Bodies.uuidParam(ctx, "id")).map(revoked -> {
      if (!revoked) {
        throw Problems.notFound();
      }
      return new JsonObject().put("revoked", true);
    });
  }

  private Future<JsonObject> newWebhookSecret(RoutingContext ctx) {
    Fields in = Fields.of(Bodies.object(ctx), Set.of("carrier"));
    String carrier = in.code("carrier", true, CARRIER, "Tên hãng, ví dụ VNPOST.");
    in.throwIfInvalid();
    ctx.response().setStatusCode(201);
    return offices.newWebhookSecret(Actor.of(ctx), carrier)
        .map(secret -> new JsonObject().put("carrier", carrier).put("secret", secret));
  }
}

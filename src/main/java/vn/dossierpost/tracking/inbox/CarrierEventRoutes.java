package vn.dossierpost.tracking.inbox;

import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.CarrierRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Problems;
import vn.dossierpost.http.Role;
import vn.dossierpost.http.StandardWebhooks;

/**
 * {@code POST /api/v1/carrier/events}: tracking pushed by the carrier. A Standard Webhooks
 * request is checked (HMAC over the raw body, ±5 min, constant-time) before its body is even
 * parsed; an EMS-style push (header {@code ems-transaction}) carries no signature and is
 * authenticated with a CARRIER key instead. Either way every record is read (a bad one is a 422
 * and nothing is kept), the message is stored in the event inbox through group commit, and the
 * answer comes only after it is durable. {@link EventInbox} then stores the events and moves the
 * orders, a moment later.
 */
final class CarrierEventRoutes {

  private final GroupCommitter committer;
  private final CarrierRecords records;
  private final WebhookSecrets secrets;
  private final Function<String, Future<Optional<Principal>>> keys;

  private CarrierEventRoutes(GroupCommitter committer, CarrierRecords records,
      Supplier<Future<List<String>>> secrets, Function<String, Future<Optional<Principal>>> keys) {
    this.committer = committer;
    this.records = records;
    this.secrets = new WebhookSecrets(secrets);
    this.keys = keys;
  }

  static Router router(Vertx vertx, GroupCommitter committer, CarrierRecords records,
      Supplier<Future<List<String>>> secrets, Function<String, Future<Optional<Principal>>> keys) {
    CarrierEventRoutes routes = new CarrierEventRoutes(committer, records, secrets, keys);
    Router router = Router.router(vertx);
    router.post("/events").respond(routes::receive);
    return router;
  }

  private Future<JsonObject> receive(RoutingContext ctx) {
    String ems = ctx.request().getHeader("ems-transaction");
    return ems != null ? ems(ctx, ems) : signed(ctx);
  }

  private Future<JsonObject> signed(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    String id = ctx.request().getHeader("webhook-id");
    return verify(ctx, id, raw).compose(verdict -> {
      if (verdict != StandardWebhooks.Verdict.VALID) {
        return Future.failedFuture(Problems.unauthorized(switch (verdict) {
          case MISSING_HEADERS -> "webhook-id, webhook-timestamp and webhook-signature are required";
          case STALE_TIMESTAMP -> "webhook-timestamp is more than 5 minutes away";
          default -> "the signature does not match";
        }));
      }
      int events = records.readPush(parse(raw), EventSource.WEBHOOK, Instant.now()).size();
      return committer.submit(InboxMessage.vnpost(id, raw, events)).map(result ->
          new JsonObject().put("received", events)
              .put("accepted", result.duplicateMessage() ? 0 : events)
              .put("duplicateMessage", result.duplicateMessage()));
    });
  }

  /** Checks against the known secrets, and once more against fresh ones if none matched. */
  private Future<StandardWebhooks.Verdict> verify(RoutingContext ctx, String id, Buffer raw) {
    String timestamp = ctx.request().getHeader("webhook-timestamp");
    String signature = ctx.request().getHeader("webhook-signature");
    long now = System.currentTimeMillis() / 1000;
    return secrets.get().compose(known -> {
      StandardWebhooks.Verdict verdict = StandardWebhooks.verify(known, id, timestamp, signature,
          raw.getBytes(), now);
      return verdict != StandardWebhooks.Verdict.BAD_SIGNATURE ? Future.succeededFuture(verdict)
          : secrets.fresh().map(latest -> StandardWebhooks.verify(latest, id, timestamp, signature,
              raw.getBytes(), now));
    });
  }

  private Future<JsonObject> ems(RoutingContext ctx, String transaction) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ") || transaction.isBlank()
        || transaction.length() > 128) {
      return Future.failedFuture(Problems.unauthorized("an EMS push needs a CARRIER key"));
    }
    return keys.apply(header.substring(7).trim()).compose(principal -> {
      if (principal.isEmpty()) {
        return Future.failedFuture(Problems.unauthorized("the key is unknown or revoked"));
      }
      if (principal.get().role() != Role.CARRIER) {
        return Future.failedFuture(Problems.forbidden("only a CARRIER key may push events"));
      }
      Buffer raw = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
      if (!(parse(raw) instanceof JsonObject object)) {
        return Future.failedFuture(Problems.badRequest("malformed-json", "an EMS push is one JSON object"));
      }
      records.readEms(object, transaction, Instant.now());
      return committer.submit(InboxMessage.ems(transaction, raw)).map(result ->
          new JsonObject().put("code", "success").put("transaction", transaction));
    });
  }

  private static Object parse(Buffer raw) {
    if (raw.length() == 0) {
      throw Problems.badRequest("missing-body", "the request needs a JSON body");
    }
    try {
      return raw.toJsonValue();
    } catch (DecodeException e) {
      throw Problems.badRequest("malformed-json", "the request body is not valid JSON");
    }
  }
}

package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Problems;
import vn.dossierpost.http.RequestLog;
import vn.dossierpost.http.StandardWebhooks;

/**
 * {@code POST /api/v1/sms/receipts}: the SMS gateway reports what became of a message. Signed
 * per Standard Webhooks with {@code DP_SMS_RECEIPT_SECRET} and checked before the body is
 * parsed; without a configured secret the endpoint does not exist (404). Body:
 * {@code {"ref": "dp-outbox-42" | "gatewayRef": "…", "status": "DELIVERED"|"FAILED"|"EXPIRED",
 * "at": "2025-11-24T09:30:00+07:00"}}. An unknown message is 404; a repeat changes nothing.
 */
final class SmsReceiptRoutes {

  private final SmsReceipts receipts;
  private final Optional<String> secret;

  private SmsReceiptRoutes(SmsReceipts receipts, Optional<String> secret) {
    this.receipts = receipts;
    this.secret = secret;
  }

  static Router router(Vertx vertx, SmsReceipts receipts, Optional<String> secret) {
    SmsReceiptRoutes routes = new SmsReceiptRoutes(receipts, secret);
    Router router = Router.router(vertx);
    router.post("/receipts").respond(routes::receive);
    return router;
  }

  private Future<JsonObject> receive(RoutingContext ctx) {
    if (secret.isEmpty()) {
      return Future.failedFuture(Problems.notFound());
    }
    Buffer raw = ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer();
    StandardWebhooks.Verdict verdict = StandardWebhooks.verify(List.of(secret.get()),
        ctx.request().getHeader("webhook-id"), ctx.request().getHeader("webhook-timestamp"),
        ctx.request().getHeader("webhook-signature"), raw.getBytes(),
        System.currentTimeMillis() / 1000);
    if (verdict != StandardWebhooks.Verdict.VALID) {
      return Future.failedFuture(Problems.unauthorized("the receipt's signature is missing, stale or wrong"));
    }
    JsonObject body;
    try {
      body = raw.length() == 0 ? null : raw.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      return Future.failedFuture(Problems.badRequest("malformed-json", "the receipt is one JSON object"));
    }
    Actor gateway = Actor.signed(Actor.SMS_GATEWAY, "sms", RequestLog.requestId(ctx));
    return receipts.record(gateway, SmsReceipts.Receipt.read(body))
        .compose(known -> known ? Future.succeededFuture(new JsonObject().put("recorded", true))
            : Future.failedFuture(Problems.notFound()));
  }
}

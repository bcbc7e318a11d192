package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Problems;
import vn.dossierpost.http.StandardWebhooks;

/**
 * {@code POST /api/v1/sms/receipts}: the SMS gateway reports what became of a message. Signed
 * per Standard Webhooks with {@code DP_SMS_RECEIPT_SECRET} and checked before the body is
 * parsed; without a configured secret the endpoint does not exist (404). Body:
 * {@code {"ref": "dp-outbox-42" | "gatewayRef": "…", "status": "DELIVERED"|"FAILED"|"EXPIRED",
 * "at": "2025-11-24T09:30:00+07:00"}}. An unknown message is 404; a repeat changes nothing.
 */
public final class SmsReceiptRoutes {

  private static final Pattern REF = Pattern.compile("^dp-outbox-(\\d{1,18})$");
  private static final Pattern GATEWAY_REF = Pattern.compile("^[\\x21-\\x7e]{1,128}$");
  private static final Set<String> STATUSES = Set.of("DELIVERED", "FAILED", "EXPIRED");
  private static final String RECORD = """
      UPDATE sms_messages SET receipt_status = $3, receipt_at = $4,
        status = CASE WHEN $3 = 'DELIVERED' THEN 'DELIVERED'
                      WHEN status IN ('SENT', 'SENDING') THEN 'FAILED' ELSE status END,
        reason = CASE WHEN $3 = 'DELIVERED' THEN reason ELSE 'receipt: ' || $3 END
      WHERE (outbox_id = $1 OR ($1 IS NULL AND gateway_ref = $2))
      RETURNING outbox_id
      """;

  private final Pool pool;
  private final Optional<String> secret;

  private SmsReceiptRoutes(Pool pool, Optional<String> secret) {
    this.pool = pool;
    this.secret = secret;
  }

  public static Router router(Vertx vertx, Pool pool, Optional<String> secret) {
    SmsReceiptRoutes routes = new SmsReceiptRoutes(pool, secret);
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
    Fields in = Fields.of(body, Set.of("ref", "gatewayRef", "status", "at"));
    String ref = in.code("ref", false, REF, "Phải có dạng dp-outbox-<số>.");
    String gatewayRef = in.code("gatewayRef", false, GATEWAY_REF, "Mã tin nhắn của nhà mạng không hợp lệ.");
    String status = in.text("status", true, 1, 20);
    String at = in.text("at", false, 1, 40);
    if (ref == null && gatewayRef == null && !in.has("ref") && !in.has("gatewayRef")) {
      in.error("ref", "required", "Cần ref hoặc gatewayRef.");
    }
    if (status != null && !STATUSES.contains(status)) {
      in.error("status", "not_allowed", "Chỉ nhận DELIVERED, FAILED hoặc EXPIRED.");
    }
    OffsetDateTime when = OffsetDateTime.now();
    if (at != null) {
      try {
        when = OffsetDateTime.parse(at);
      } catch (DateTimeParseException e) {
        in.error("at", "invalid_datetime", "Phải là thời điểm ISO 8601 có múi giờ.");
      }
    }
    in.throwIfInvalid();
    Long outboxId = ref == null ? null : Long.parseLong(ref.substring("dp-outbox-".length()));
    return pool.preparedQuery(RECORD).execute(Tuple.of(outboxId, gatewayRef, status, when))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problems.notFound())
            : Future.succeededFuture(new JsonObject().put("recorded", true)));
  }
}

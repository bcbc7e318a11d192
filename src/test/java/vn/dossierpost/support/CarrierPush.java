package vn.dossierpost.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dossierpost.http.StandardWebhooks;

/** The carrier pushing tracking records to the service, signed as Standard Webhooks say. */
public final class CarrierPush {

  private final Http http;
  private final String secret;

  public CarrierPush(TestApp app) {
    this.http = app.http();
    this.secret = app.webhookSecret();
  }

  /** A VNPost tracking record. */
  public static JsonObject record(String itemCode, int status, OffsetDateTime at) {
    return new JsonObject().put("OrderNumber", "x").put("ItemCode", itemCode).put("StatusCode", status)
        .put("StatusMessage", "trạng thái " + status)
        .put("StatusDate", at.withOffsetSameInstant(ZoneOffset.ofHours(7)).toString())
        .put("PostOfficeCode", "010000").put("PostOfficeName", "Bưu cục trung tâm Hà Nội");
  }

  public static JsonObject batch(List<JsonObject> records) {
    return new JsonObject().put("events", new JsonArray(List.copyOf(records)));
  }

  public Http.Response push(JsonObject body) {
    return push(body, "msg_" + UUID.randomUUID(), System.currentTimeMillis() / 1000, secret);
  }

  public Http.Response push(JsonObject body, String webhookId) {
    return push(body, webhookId, System.currentTimeMillis() / 1000, secret);
  }

  public Http.Response push(JsonObject body, String webhookId, long timestamp, String key) {
    Buffer raw = body.toBuffer();
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("webhook-id", webhookId);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", StandardWebhooks.sign(key, webhookId, timestamp, raw.getBytes()));
    return http.send(HttpMethod.POST, "/api/v1/carrier/events", null, raw, headers);
  }

  public Http.Response raw(Buffer body, Map<String, String> headers) {
    return http.send(HttpMethod.POST, "/api/v1/carrier/events", null, body, headers);
  }
}

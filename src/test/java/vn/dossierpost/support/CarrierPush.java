package vn.dossierpost.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dossierpost.http.StandardWebhooks;

/**
 * The carrier pushing tracking records to the service, signed as Standard Webhooks say. A push
 * the service accepted returns once the service's event inbox has ingested it, so that a test
 * can read the order's new status right away.
 */
public final class CarrierPush {

  private final Http http;
  private final String secret;
  private final Db db;

  public CarrierPush(TestApp app) {
    this.http = app.http();
    this.secret = app.webhookSecret();
    this.db = new Db(app.services().pool());
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
    Http.Response response = http.send(HttpMethod.POST, "/api/v1/carrier/events", null, raw, headers);
    if (response.status() == 200) {
      awaitIngested("sw:" + webhookId);
    }
    return response;
  }

  /** Waits until the inbox holds no message with this id (sw:webhook-id or ems:transaction). */
  public void awaitIngested(String messageId) {
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(
        db.count("SELECT count(*) FROM event_inbox WHERE message_id = $1", messageId)).isZero());
  }

  public Http.Response raw(Buffer body, Map<String, String> headers) {
    return http.send(HttpMethod.POST, "/api/v1/carrier/events", null, body, headers);
  }
}

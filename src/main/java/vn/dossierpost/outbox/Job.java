package vn.dossierpost.outbox;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A side effect to carry out: written in the same transaction as the state change that causes
 * it, then run at least once by the worker. {@code orderingKey}: jobs sharing one run strictly
 * one after another, oldest first (callbacks of one order, for instance).
 */
public record Job(String kind, UUID orderId, String orderingKey, JsonObject payload,
    OffsetDateTime notBefore) {

  public static Job of(String kind, UUID orderId, JsonObject payload) {
    return new Job(kind, orderId, null, payload, null);
  }

  public Job orderedBy(String key) {
    return new Job(kind, orderId, key, payload, notBefore);
  }

  public Job notBefore(OffsetDateTime at) {
    return new Job(kind, orderId, orderingKey, payload, at);
  }
}

package vn.dossierpost.carrier.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.http.StandardWebhooks;

/**
 * Pushes published tracking records to a webhook, signed per Standard Webhooks. A push that
 * keeps failing is dropped after three tries: the receiver still has the polling feed.
 */
final class Pusher {

  private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

  record Target(String url, String secret) {
  }

  private final Vertx vertx;
  private final WebClient client;
  private final AtomicReference<Target> target = new AtomicReference<>();

  Pusher(Vertx vertx) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
  }

  void configure(Target newTarget) {
    target.set(newTarget);
  }

  Target target() {
    return target.get();
  }

  void push(List<JsonObject> records) {
    Target t = target.get();
    if (t == null) {
      return;
    }
    Buffer body = records.size() == 1 ? records.get(0).toBuffer()
        : new JsonObject().put("events", new JsonArray(List.copyOf(records))).toBuffer();
    String id = "sim_" + records.get(0).getString("_id") + "_" + records.size();
    send(t, id, body, 1);
  }

  private void send(Target t, String id, Buffer body, int attempt) {
    long timestamp = System.currentTimeMillis() / 1000;
    client.postAbs(t.url())
        .timeout(5_000)
        .putHeader("Content-Type", "application/json")
        .putHeader("webhook-id", id)
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", StandardWebhooks.sign(t.secret(), id, timestamp, body.getBytes()))
        .sendBuffer(body)
        .onComplete(ar -> {
          boolean ok = ar.succeeded() && ar.result().statusCode() / 100 == 2;
          if (!ok && attempt < 3) {
            vertx.setTimer(200L * attempt * attempt, x -> send(t, id, body, attempt + 1));
          } else if (!ok) {
            LOG.warn("event=simulator_push_dropped id={} status={}", id,
                ar.succeeded() ? ar.result().statusCode() : ar.cause().getMessage());
          }
        });
  }

  void close() {
    client.close();
  }
}

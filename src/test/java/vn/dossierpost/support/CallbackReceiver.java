package vn.dossierpost.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import vn.dossierpost.http.StandardWebhooks;

/**
 * A one-stop system on loopback that takes the service's callbacks: it checks each signature,
 * answers with the status its script says, and de-duplicates by webhook-id as a receiver should.
 */
public final class CallbackReceiver implements AutoCloseable {

  /** One callback as it arrived. */
  public record Received(String webhookId, JsonObject body, boolean signatureValid, int answered) {
  }

  private final HttpServer server;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger count = new AtomicInteger();
  private volatile String secret;
  private volatile IntUnaryOperator script = n -> 200;

  private CallbackReceiver(HttpServer server) {
    this.server = server;
  }

  public static CallbackReceiver start(Vertx vertx) {
    CallbackReceiver[] holder = new CallbackReceiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      CallbackReceiver r = holder[0];
      int status = r.script.applyAsInt(r.count.incrementAndGet());
      String id = req.getHeader("webhook-id");
      boolean valid = r.secret != null && StandardWebhooks.verify(List.of(r.secret), id,
          req.getHeader("webhook-timestamp"), req.getHeader("webhook-signature"), body.getBytes(),
          System.currentTimeMillis() / 1000) == StandardWebhooks.Verdict.VALID;
      r.received.add(new Received(id, body.toJsonObject(), valid, status));
      req.response().setStatusCode(status).end();
    }));
    holder[0] = new CallbackReceiver(TestApp.await(server.listen(0)));
    return holder[0];
  }

  public String url() {
    return "http://localhost:" + server.actualPort() + "/hooks/dossier-post";
  }

  public void secret(String secret) {
    this.secret = secret;
  }

  /** What to answer the n-th request (1-based). */
  public void script(IntUnaryOperator script) {
    this.script = script;
  }

  public List<Received> all() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Per order, the changes it acknowledged with 2xx, first delivery of each webhook-id only. */
  public Map<String, List<JsonObject>> acceptedByOrder() {
    Map<String, List<JsonObject>> byOrder = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Received r : all()) {
      if (r.answered() / 100 == 2 && seen.add(r.webhookId())) {
        byOrder.computeIfAbsent(r.body().getString("orderId"), k -> new ArrayList<>()).add(r.body());
      }
    }
    return byOrder;
  }

  @Override
  public void close() {
    TestApp.await(server.close());
  }
}

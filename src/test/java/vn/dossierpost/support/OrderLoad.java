package vn.dossierpost.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Desks booking orders without pause from a few concurrent streams, as during a database outage:
 * it keeps what was acknowledged (201), how many got each status, when each success came, and
 * every answer a client must never see while the database is away (a 5xx other than 503, a 503
 * without Retry-After, no answer at all).
 */
public final class OrderLoad {

  private final WebClient client;
  private final String base;
  private final String deskKey;
  private final String office;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> successNanos = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  private final List<Future<Void>> streams = new ArrayList<>();
  private final Vertx vertx;

  private OrderLoad(Vertx vertx, String base, String deskKey, String office) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.base = base;
    this.deskKey = deskKey;
    this.office = office;
  }

  public static OrderLoad start(Vertx vertx, String base, String deskKey, String office, int streams) {
    OrderLoad load = new OrderLoad(vertx, base, deskKey, office);
    for (int i = 0; i < streams; i++) {
      load.streams.add(load.next());
    }
    return load;
  }

  private Future<Void> next() {
    if (!running.get()) {
      return Future.succeededFuture();
    }
    return client.postAbs(base + "/api/v1/orders")
        .putHeader("Authorization", "Bearer " + deskKey)
        .putHeader("Content-Type", "application/json")
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .timeout(20_000)
        .sendBuffer(Samples.order(Samples.dossierCode(office), "DELIVERY").toBuffer())
        .transform(ar -> {
          if (ar.failed()) {
            violations.add("no answer: " + ar.cause());
            return pause(100).compose(v -> next());
          }
          HttpResponse<Buffer> response = ar.result();
          statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
          if (response.statusCode() == 201) {
            acknowledged.add(response.bodyAsJsonObject().getString("id"));
            successNanos.add(System.nanoTime());
            return next();
          }
          if (response.statusCode() != 503 || response.getHeader("Retry-After") == null) {
            violations.add(response.statusCode() + " Retry-After=" + response.getHeader("Retry-After")
                + " " + response.bodyAsString());
          }
          // A client told to retry waits a little; a tenth of a second keeps the load on.
          return pause(100).compose(v -> next());
        });
  }

  private Future<Void> pause(long millis) {
    Promise<Void> done = Promise.promise();
    vertx.setTimer(millis, id -> done.complete());
    return done.future();
  }

  /** Ends every stream after its request in progress. */
  public void stop() throws Exception {
    running.set(false);
    Future.join(streams).await(60, TimeUnit.SECONDS);
    client.close();
  }

  public Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  public int count(int status) {
    AtomicInteger n = statuses.get(status);
    return n == null ? 0 : n.get();
  }

  public Map<Integer, AtomicInteger> statuses() {
    return Map.copyOf(statuses);
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** When the first success at or after {@code nanoTime} came, if one did. */
  public java.util.OptionalLong firstSuccessAfter(long nanoTime) {
    return successNanos.stream().mapToLong(Long::longValue).filter(t -> t >= nanoTime).min();
  }
}

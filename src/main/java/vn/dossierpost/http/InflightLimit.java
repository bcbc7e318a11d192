package vn.dossierpost.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests in progress: per client (its API key, else its address) with a 429, so
 * that no client can take every slot, and across every server verticle of the process with a
 * 503; both with {@code Retry-After}, instead of an unbounded queue. Mounted after the body is
 * read and the key checked, so that it counts work, not uploads or strangers.
 */
public final class InflightLimit implements Handler<RoutingContext> {

  private final AtomicInteger inflight;
  private final int max;
  private final Tally perClient;
  private final int maxPerClient;

  private InflightLimit(AtomicInteger inflight, int max, Tally perClient, int maxPerClient) {
    this.inflight = inflight;
    this.max = max;
    this.perClient = perClient;
    this.maxPerClient = maxPerClient;
  }

  public static InflightLimit create(AtomicInteger shared, int max, Tally perClient,
      int maxPerClient) {
    return new InflightLimit(shared, max, perClient, maxPerClient);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String client = client(ctx);
    if (!perClient.tryAcquire(client, maxPerClient)) {
      ctx.fail(Problems.tooManyInProgress(maxPerClient));
      return;
    }
    if (inflight.incrementAndGet() > max) {
      inflight.decrementAndGet();
      perClient.release(client);
      ctx.fail(Problems.overloaded("too many requests in progress; retry shortly"));
      return;
    }
    ctx.addEndHandler(v -> {
      inflight.decrementAndGet();
      perClient.release(client);
    });
    ctx.next();
  }

  private static String client(RoutingContext ctx) {
    Principal principal = ctx.get(Principal.KEY);
    return principal != null ? "key:" + principal.keyId()
        : "address:" + ClientAddress.of(ctx.request().remoteAddress());
  }
}

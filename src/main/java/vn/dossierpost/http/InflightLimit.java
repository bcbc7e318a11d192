package vn.dossierpost.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests in progress across every server verticle of the process. Past the bound
 * the answer is an immediate 503 with {@code Retry-After}, instead of an unbounded queue.
 */
public final class InflightLimit implements Handler<RoutingContext> {

  private final AtomicInteger inflight;
  private final int max;

  private InflightLimit(AtomicInteger inflight, int max) {
    this.inflight = inflight;
    this.max = max;
  }

  public static InflightLimit create(AtomicInteger shared, int max) {
    return new InflightLimit(shared, max);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (inflight.incrementAndGet() > max) {
      inflight.decrementAndGet();
      ctx.fail(Problems.overloaded("too many requests in progress; retry shortly"));
      return;
    }
    ctx.addEndHandler(v -> inflight.decrementAndGet());
    ctx.next();
  }
}

package vn.dossierpost.label;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import vn.dossierpost.http.Problems;

/**
 * A named worker pool for rendering, off the event loops, with a bounded backlog: past
 * {@code maxPending} jobs waiting or running, a request is refused at once with 503 and
 * {@code Retry-After} rather than queued without limit.
 */
public final class RenderPool {

  private final WorkerExecutor executor;
  private final AtomicInteger pending = new AtomicInteger();
  private final int maxPending;

  public RenderPool(Vertx vertx, int threads, int maxPending) {
    this.executor = vertx.createSharedWorkerExecutor("dp-render", threads, 60, TimeUnit.SECONDS);
    this.maxPending = maxPending;
  }

  public <T> Future<T> submit(Callable<T> work) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      return Future.failedFuture(Problems.overloaded("the label renderer is busy; retry shortly"));
    }
    return executor.executeBlocking(work, false).andThen(ar -> pending.decrementAndGet());
  }

  public int pending() {
    return pending.get();
  }

  public Future<Void> close() {
    return executor.close();
  }
}

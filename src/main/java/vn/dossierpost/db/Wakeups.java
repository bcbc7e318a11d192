package vn.dossierpost.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;

/**
 * How a worker draining a table-backed queue is set going: at start, whenever a message comes
 * to its event-bus address (someone just committed work), and once more after a delay it asks
 * for (nothing was due, or it steps aside). At most one delayed look is pending at a time. Use
 * from the worker's own context.
 */
public final class Wakeups {

  private final Vertx vertx;
  private final String address;
  private final Runnable pump;
  private MessageConsumer<Object> consumer;
  private long timerId = -1;
  private boolean stopped;

  public Wakeups(Vertx vertx, String address, Runnable pump) {
    this.vertx = vertx;
    this.address = address;
    this.pump = pump;
  }

  /** Listens on the address and runs the pump once. */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(address, msg -> pump.run());
    pump.run();
    return consumer.completion();
  }

  /** Runs the pump after {@code delay}, unless a delayed run is pending already or it stopped. */
  public void later(Duration delay) {
    if (stopped || timerId >= 0) {
      return;
    }
    timerId = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
      timerId = -1;
      pump.run();
    });
  }

  /** Whether a delayed run is pending. */
  public boolean pending() {
    return timerId >= 0;
  }

  public boolean stopped() {
    return stopped;
  }

  /** No more runs: the timer is cancelled and the address left. */
  public Future<Void> stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}

package vn.dossierpost.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit for single-row writes that need no answer but their completion (a job marked
 * done, a delivery logged): a write submitted while none is under way goes at once; those
 * submitted meanwhile wait and go together, as one statement, when it ends. Under light load
 * nothing waits; under heavy load one round trip carries hundreds of rows. Each submitter's
 * future completes when the statement holding its row does. At most {@code maxWaiting} rows
 * wait; past that a write fails at once.
 *
 * <p>Meant for one Vert.x context (a verticle's, like the rows' producers); it is synchronized
 * all the same, so that a second context sharing it cannot corrupt it.
 */
public final class Coalescer<T> {

  private final Function<List<T>, Future<?>> write;
  private final int maxRows;
  private final int maxWaiting;
  private List<T> waiting = new ArrayList<>();
  private List<Promise<Void>> waiters = new ArrayList<>();
  private boolean writing;

  /**
   * @param write writes the rows, in the order submitted, as one statement
   * @param maxRows the most rows one statement carries
   * @param maxWaiting the most rows that may wait for the write under way
   */
  public Coalescer(Function<List<T>, Future<?>> write, int maxRows, int maxWaiting) {
    this.write = write;
    this.maxRows = maxRows;
    this.maxWaiting = maxWaiting;
  }

  public synchronized Future<Void> submit(T row) {
    if (waiting.size() >= maxWaiting) {
      return Future.failedFuture(new IllegalStateException(maxWaiting + " rows already waiting to be written"));
    }
    Promise<Void> promise = Promise.promise();
    waiting.add(row);
    waiters.add(promise);
    if (!writing) {
      flush();
    }
    return promise.future();
  }

  private synchronized void flush() {
    if (waiting.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    int n = Math.min(maxRows, waiting.size());
    List<T> rows = new ArrayList<>(waiting.subList(0, n));
    List<Promise<Void>> promises = new ArrayList<>(waiters.subList(0, n));
    waiting = new ArrayList<>(waiting.subList(n, waiting.size()));
    waiters = new ArrayList<>(waiters.subList(n, waiters.size()));
    Future<?> done;
    try {
      done = write.apply(rows);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> {
      for (Promise<Void> p : promises) {
        if (ar.succeeded()) {
          p.complete();
        } else {
          p.fail(ar.cause());
        }
      }
      flush();
    });
  }
}

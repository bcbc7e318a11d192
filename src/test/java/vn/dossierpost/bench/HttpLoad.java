package vn.dossierpost.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Load on loopback, bounded in time. Closed loop: {@code concurrency} requests always in
 * flight, to find the maximum rate. Open loop: requests sent on a fixed schedule and timed from
 * when they were due, so a stall shows in the latencies instead of hiding (no coordinated
 * omission); at most 10,000 outstanding.
 */
public final class HttpLoad {

  public record Result(long requests, long errors, double seconds, double perSecond, double p50Ms,
      double p99Ms, double p999Ms, double maxMs) {
    public io.vertx.core.json.JsonObject toJson() {
      return new io.vertx.core.json.JsonObject().put("requests", requests).put("errors", errors)
          .put("seconds", seconds).put("perSecond", perSecond).put("p50Ms", p50Ms)
          .put("p99Ms", p99Ms).put("p999Ms", p999Ms).put("maxMs", maxMs);
    }
  }

  private HttpLoad() {
  }

  /** {@code request} gets the request number and sends it; 2xx is success. */
  public static Result closedLoop(Vertx vertx, Function<Long, Future<HttpResponse<Buffer>>> request,
      int concurrency, Duration duration) {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicLong sent = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    Promise<Void> done = Promise.promise();
    AtomicInteger running = new AtomicInteger(concurrency);
    vertx.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) {
        loop(request, histogram, sent, errors, end, running, done);
      }
    });
    await(done.future(), duration.plusSeconds(60));
    double seconds = (System.nanoTime() - start) / 1e9;
    return result(histogram, errors.get(), seconds);
  }

  private static void loop(Function<Long, Future<HttpResponse<Buffer>>> request, Histogram histogram,
      AtomicLong sent, AtomicLong errors, long end, AtomicInteger running, Promise<Void> done) {
    if (System.nanoTime() >= end) {
      if (running.decrementAndGet() == 0) {
        done.tryComplete();
      }
      return;
    }
    long t0 = System.nanoTime();
    request.apply(sent.getAndIncrement()).onComplete(ar -> {
      if (ar.failed() || ar.result().statusCode() / 100 != 2) {
        errors.incrementAndGet();
      }
      synchronized (histogram) {
        histogram.recordValue(Math.min(System.nanoTime() - t0, histogram.getHighestTrackableValue()));
      }
      loop(request, histogram, sent, errors, end, running, done);
    });
  }

  public static Result openLoop(Vertx vertx, Function<Long, Future<HttpResponse<Buffer>>> request,
      double perSecond, Duration duration) {
    Histogram histogram = new Histogram(60_000_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    AtomicInteger outstanding = new AtomicInteger();
    long start = System.nanoTime();
    long total = (long) (perSecond * duration.toNanos() / 1e9);
    double interval = 1e9 / perSecond;
    AtomicLong next = new AtomicLong();
    Promise<Void> done = Promise.promise();
    long timer = vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      while (next.get() < total && start + (long) (next.get() * interval) <= now) {
        long n = next.getAndIncrement();
        long due = start + (long) (n * interval);
        if (outstanding.incrementAndGet() > 10_000) {
          outstanding.decrementAndGet();
          errors.incrementAndGet();
          continue;
        }
        request.apply(n).onComplete(ar -> {
          outstanding.decrementAndGet();
          if (ar.failed() || ar.result().statusCode() / 100 != 2) {
            errors.incrementAndGet();
          }
          synchronized (histogram) {
            histogram.recordValue(Math.min(System.nanoTime() - due, histogram.getHighestTrackableValue()));
          }
          if (next.get() >= total && outstanding.get() == 0) {
            done.tryComplete();
          }
        });
      }
    });
    await(done.future(), duration.plusSeconds(60));
    vertx.cancelTimer(timer);
    return result(histogram, errors.get(), (System.nanoTime() - start) / 1e9);
  }

  private static Result result(Histogram h, long errors, double seconds) {
    return new Result(h.getTotalCount(), errors, seconds, h.getTotalCount() / seconds,
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
        h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
  }

  public static <T> T await(Future<T> future, Duration limit) {
    try {
      return future.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("load run did not finish in time");
    }
  }

  public static HttpRequest<Buffer> bearer(HttpRequest<Buffer> request, String key) {
    return request.putHeader("Authorization", "Bearer " + key);
  }

  public static WebClient client(Vertx vertx, int connections) {
    return WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(100_000));
  }

  /** Seconds the service spent in GC pauses so far, from its own /metrics. */
  public static double gcSeconds(WebClient client, String base) {
    String text = await(client.getAbs(base + "/metrics").send(), Duration.ofSeconds(30)).bodyAsString();
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("jvm_gc_pause_seconds_sum")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}

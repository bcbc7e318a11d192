package vn.dossierpost.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps slow and greedy clients from holding connections: at most {@code maxPerAddress} open
 * connections per client address (more are closed at once); the first request head must arrive
 * within the header deadline, the whole body within the body deadline (else 408 and close), and
 * on a kept-alive connection the next request head within one to two idle timeouts. Idle
 * connections (no bytes at all) are closed by the server's own idle timeout.
 *
 * <p>One guard per server verticle, so its connections and timers live on that verticle's event
 * loop; the per-address counts are shared by all of them. One timer per connection at a time.
 */
public final class ConnectionGuard {

  private final Vertx vertx;
  private final Tally perAddress;
  private final int maxPerAddress;
  private final long headerMs;
  private final long bodyMs;
  private final long idleMs;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();
  private final Counter overCap;
  private final Counter slowHead;
  private final Counter slowBody;
  private final Counter slowNext;

  private ConnectionGuard(Vertx vertx, Tally perAddress, int maxPerAddress, Duration header,
      Duration body, Duration idle, MeterRegistry registry) {
    this.vertx = vertx;
    this.overCap = closed(registry, "connections_per_address");
    this.slowHead = closed(registry, "header_timeout");
    this.slowBody = closed(registry, "body_timeout");
    this.slowNext = closed(registry, "keep_alive_timeout");
    this.perAddress = perAddress;
    this.maxPerAddress = maxPerAddress;
    this.headerMs = header.toMillis();
    this.bodyMs = body.toMillis();
    this.idleMs = idle.toMillis();
  }

  public static ConnectionGuard create(Vertx vertx, Tally perAddress, int maxPerAddress,
      Duration header, Duration body, Duration idle, MeterRegistry registry) {
    return new ConnectionGuard(vertx, perAddress, maxPerAddress, header, body, idle, registry);
  }

  private static Counter closed(MeterRegistry registry, String reason) {
    return Counter.builder("http_connections_cut").tag("reason", reason)
        .description("connections closed by the server for holding too much or going too slowly")
        .register(registry);
  }

  /** A connection opened: count it against its address, and wait for its first request head. */
  public void connected(HttpConnection connection) {
    String client = ClientAddress.of(connection.remoteAddress());
    if (!perAddress.tryAcquire(client, maxPerAddress)) {
      overCap.increment();
      connection.close();
      return;
    }
    Watch watch = new Watch(connection);
    watches.put(connection, watch);
    connection.closeHandler(v -> {
      watches.remove(connection);
      watch.cancel();
      perAddress.release(client);
    });
    watch.arm(headerMs, watch::headerDeadline);
  }

  /** A request head arrived; false if its connection was refused and is closing. */
  public boolean arrived(HttpServerRequest request) {
    Watch watch = watches.get(request.connection());
    if (watch == null) {
      request.connection().close();
      return false;
    }
    watch.current = request;
    watch.sawAnswer = false;
    watch.arm(bodyMs, watch::check);
    return true;
  }

  private final class Watch {
    private final HttpConnection connection;
    private HttpServerRequest current;
    private boolean sawAnswer;
    private long timer = -1;

    Watch(HttpConnection connection) {
      this.connection = connection;
    }

    void arm(long ms, Runnable action) {
      cancel();
      timer = vertx.setTimer(ms, id -> {
        timer = -1;
        action.run();
      });
    }

    void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    void headerDeadline() {
      if (current == null) {
        slowHead.increment();
        connection.close();
      }
    }

    void check() {
      HttpServerRequest request = current;
      if (!request.isEnded()) {
        slowBody(request);
      } else if (!request.response().ended()) {
        arm(idleMs, this::check); // the service is still working on it: its own timeouts apply
      } else if (!sawAnswer) {
        sawAnswer = true; // answered at some point since the last look: give the client a full wait
        arm(idleMs, this::check);
      } else {
        slowNext.increment();
        connection.close(); // the next request head did not complete within the idle time
      }
    }

    private void slowBody(HttpServerRequest request) {
      slowBody.increment();
      if (request.response().headWritten()) {
        connection.close();
        return;
      }
      // The rest of the body is not read: the connection goes once the answer is out.
      FailureHandler.send(request, Problems.requestTimeout("the request body did not arrive within "
              + bodyMs + " ms").problem(), request.response().headers().get("X-Request-Id"))
          .onComplete(ar -> connection.close());
    }
  }
}

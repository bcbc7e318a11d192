package vn.dossierpost.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request (logfmt), with a request id that is also returned in
 * {@code X-Request-Id}. Paths are logged without query strings, and tracking tokens are masked:
 * nothing personal or secret reaches the log.
 */
public final class RequestLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("http");
  private static final String KEY = "requestId";
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
  private static final Pattern TOKEN_PATH = Pattern.compile("^/t/[^/]+");

  public static RequestLog create() {
    return new RequestLog();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader("X-Request-Id");
    String id = incoming != null && SAFE_ID.matcher(incoming).matches() ? incoming : newId();
    ctx.put(KEY, id);
    ctx.response().putHeader("X-Request-Id", id);
    long start = System.nanoTime();
    ctx.addEndHandler(v -> {
      if (LOG.isInfoEnabled()) {
        Principal principal = ctx.get(Principal.KEY);
        LOG.info("event=http request_id={} method={} path={} status={} ms={} key={}", id,
            ctx.request().method(), safePath(ctx), ctx.response().getStatusCode(),
            String.format("%.1f", (System.nanoTime() - start) / 1e6),
            principal == null ? "-" : principal.keyId());
      }
    });
    ctx.next();
  }

  public static String requestId(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  public static String safePath(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path == null) {
      return "-";
    }
    if (path.length() > 200) {
      path = path.substring(0, 200) + "…";
    }
    return TOKEN_PATH.matcher(path).replaceFirst("/t/***");
  }

  private static String newId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }
}

package vn.dossierpost.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Content-type guard: a body must be declared JSON, else 415. */
public final class JsonContent {

  private JsonContent() {
  }

  /** The request must carry a JSON body. */
  public static Handler<RoutingContext> required() {
    return ctx -> {
      if (!isJson(ctx.request().getHeader("Content-Type"))) {
        ctx.fail(415);
        return;
      }
      ctx.next();
    };
  }

  /** A body is optional, but one that is sent must be JSON. */
  public static Handler<RoutingContext> optional() {
    return ctx -> {
      boolean hasBody = ctx.body().buffer() != null && ctx.body().buffer().length() > 0;
      if (hasBody && !isJson(ctx.request().getHeader("Content-Type"))) {
        ctx.fail(415);
        return;
      }
      ctx.next();
    };
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}

package vn.dossierpost.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Content-type guard: a body must be declared JSON, else 415; and the headers of JSON answers. */
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

  /**
   * Every JSON answer, problems included, is marked private and typed: it may carry personal data,
   * so no cache keeps it, and no browser guesses another type for it.
   */
  public static Handler<RoutingContext> answerHeaders() {
    return ctx -> {
      HttpServerResponse response = ctx.response();
      ctx.addHeadersEndHandler(v -> {
        if (isJson(response.headers().get(HttpHeaders.CONTENT_TYPE))) {
          privateAnswer(response);
        }
      });
      ctx.next();
    };
  }

  static void privateAnswer(HttpServerResponse response) {
    if (!response.headers().contains(HttpHeaders.CACHE_CONTROL)) {
      response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
    response.putHeader("X-Content-Type-Options", "nosniff");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }
}

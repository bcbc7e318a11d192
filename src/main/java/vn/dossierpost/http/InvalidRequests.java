package vn.dossierpost.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (too long a request line, too large headers, a
 * malformed head) never reach the router; they get the same problem+json as everything else,
 * and the connection is closed since what follows on it cannot be trusted.
 */
public final class InvalidRequests {

  private InvalidRequests() {
  }

  public static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431
        : 400;
    Problem problem = FailureHandler.fromStatus(status).withHeader("Connection", "close");
    FailureHandler.send(request, problem, null).onComplete(ar -> request.connection().close());
  }
}

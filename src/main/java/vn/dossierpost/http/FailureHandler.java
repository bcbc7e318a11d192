package vn.dossierpost.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.db.Outage;

/**
 * Turns every failure of the router into an RFC 9457 answer. Client mistakes map to 4xx; a 5xx
 * means a real fault and is logged here, once, with the request id.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  public static FailureHandler create() {
    return new FailureHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.failure() instanceof HttpClosedException) {
      return; // the client left (or was cut off as too slow): nobody to answer, nothing broke
    }
    Problem problem = toProblem(ctx.failure(), ctx.statusCode());
    String requestId = RequestLog.requestId(ctx);
    if (problem.status() >= 500 && problem.status() != 503) {
      LOG.error("event=request_failed request_id={} method={} path={}", requestId,
          ctx.request().method(), RequestLog.safePath(ctx), ctx.failure());
    }
    send(ctx.request(), problem, requestId);
  }

  /** Writes {@code problem} unless the answer is already under way; also used outside the router. */
  static Future<Void> send(HttpServerRequest request, Problem problem, String requestId) {
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    if (response.headWritten()) {
      response.reset();
      return Future.succeededFuture();
    }
    response.setStatusCode(problem.status());
    response.headers().remove(HttpHeaders.CONTENT_DISPOSITION);
    response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    JsonContent.privateAnswer(response);
    problem.headers().forEach(response::putHeader);
    return request.method() == HttpMethod.HEAD ? response.end()
        : response.end(problem.toJson(requestId).encode());
  }

  static Problem toProblem(Throwable failure, int statusCode) {
    if (failure instanceof ProblemException pe) {
      return pe.problem();
    }
    if (failure instanceof DecodeException
        || failure instanceof IllegalStateException && failure.getCause() instanceof DecodeException) {
      return Problem.of(400, "malformed-json", "Malformed JSON",
          "the request body is not valid JSON");
    }
    if (failure instanceof HttpException he) {
      return fromStatus(he.getStatusCode());
    }
    if (failure != null && isOverload(failure)) {
      return Problems.overloaded("the database is busy; retry shortly").problem();
    }
    if (failure != null && Outage.is(failure)) {
      return Problems.databaseUnavailable().problem();
    }
    if (failure == null && statusCode > 0) {
      return fromStatus(statusCode);
    }
    return Problem.of(500, "internal", "Internal error",
        "an unexpected fault occurred; it has been logged");
  }

  private static boolean isOverload(Throwable failure) {
    String message = String.valueOf(failure.getMessage());
    return message.contains("max wait queue size")
        || message.contains("Timeout while waiting for a connection")
        || failure instanceof TimeoutException;
  }

  static Problem fromStatus(int status) {
    return switch (status) {
      case 400 -> Problem.of(400, "bad-request", "Bad request", "the request could not be understood");
      case 401 -> Problems.unauthorized("a valid Authorization: Bearer <key> header is required").problem();
      case 403 -> Problems.forbidden("this key may not use this resource").problem();
      case 404 -> Problems.notFound().problem();
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
          "this resource does not support that method");
      case 406 -> Problem.of(406, "not-acceptable", "Not acceptable",
          "no representation matches the Accept header");
      case 408 -> Problems.requestTimeout("the request did not arrive in time").problem();
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large",
          "the request body exceeds the allowed size");
      case 414 -> Problem.of(414, "uri-too-long", "URI too long", "the request URI is too long");
      case 431 -> Problem.of(431, "header-fields-too-large", "Request header fields too large",
          "the request headers are too large");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "send Content-Type: application/json");
      case 429 -> Problems.tooManyRequests(1).problem();
      case 503 -> Problems.overloaded("the service is at capacity; retry shortly").problem();
      default -> status >= 400 && status < 500
          ? Problem.of(status, "client-error", "Client error", "the request was refused")
          : Problem.of(500, "internal", "Internal error",
              "an unexpected fault occurred; it has been logged");
    };
  }
}

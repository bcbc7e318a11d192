package vn.dossierpost.http;

import java.util.List;

/** The problems the API answers with, one factory each so that slugs stay stable. */
public final class Problems {

  private Problems() {
  }

  public static ProblemException validation(List<FieldError> errors) {
    return Problem.of(422, "validation-failed", "Validation failed",
            errors.size() + " field(s) are invalid; nothing was changed")
        .withErrors(errors).exception();
  }

  public static ProblemException badRequest(String slug, String detail) {
    return Problem.of(400, slug, "Bad request", detail).exception();
  }

  public static ProblemException badQuery(List<FieldError> errors) {
    return Problem.of(400, "invalid-query", "Invalid query parameters",
        errors.size() + " query parameter(s) are invalid").withErrors(errors).exception();
  }

  public static ProblemException notFound() {
    return Problem.of(404, "not-found", "Not found", "no such resource").exception();
  }

  public static ProblemException conflict(String slug, String detail) {
    return Problem.of(409, slug, "Conflict", detail).exception();
  }

  public static ProblemException unauthorized(String detail) {
    return Problem.of(401, "unauthorized", "Unauthorized", detail)
        .withHeader("WWW-Authenticate", "Bearer realm=\"dossier-post\"").exception();
  }

  public static ProblemException forbidden(String detail) {
    return Problem.of(403, "forbidden", "Forbidden", detail).exception();
  }

  public static ProblemException tooManyRequests(long retryAfterSeconds) {
    return Problem.of(429, "rate-limited", "Too many requests",
            "slow down and retry after " + retryAfterSeconds + " s")
        .withHeader("Retry-After", Long.toString(retryAfterSeconds)).exception();
  }

  public static ProblemException overloaded(String detail) {
    return Problem.of(503, "overloaded", "Service overloaded", detail)
        .withHeader("Retry-After", "1").exception();
  }

  /** One client holds as many requests in progress as it may; the others are still served. */
  public static ProblemException tooManyInProgress(int max) {
    return Problem.of(429, "too-many-in-progress", "Too many requests in progress",
            "this client already has " + max + " requests in progress; wait for them to finish")
        .withHeader("Retry-After", "1").exception();
  }

  public static ProblemException requestTimeout(String detail) {
    return Problem.of(408, "request-timeout", "Request timeout", detail)
        .withHeader("Connection", "close").exception();
  }

  /**
   * PostgreSQL cannot be reached (down, restarting, or recovering after a crash): nothing was
   * changed, and the same request may be sent again once it is back, usually within seconds.
   */
  public static ProblemException databaseUnavailable() {
    return Problem.of(503, "database-unavailable", "Database unavailable",
            "the database cannot be reached right now; nothing was changed, retry shortly")
        .withHeader("Retry-After", "2").exception();
  }
}

package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** How each failure of the router becomes a problem answer: the mapping, without a server. */
class FailureHandlerTest {

  @Test
  void aFailureThatKnowsItsProblemIsAnsweredWithIt() {
    Problem problem = Problem.of(409, "order-exists", "Conflict", "open");

    assertThat(FailureHandler.toProblem(problem.exception(), -1)).isSameAs(problem);
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestEvenWhenWrapped() {
    assertThat(summary(FailureHandler.toProblem(new DecodeException("bad"), -1))).isEqualTo("400 malformed-json");
    assertThat(summary(FailureHandler.toProblem(new IllegalStateException("read", new DecodeException("bad")), -1)))
        .isEqualTo("400 malformed-json");
  }

  @Test
  void anIllegalStateThatIsNotAboutJsonIsAnInternalError() {
    assertThat(summary(FailureHandler.toProblem(new IllegalStateException("wrong state"), -1))).isEqualTo("500 internal");
    assertThat(summary(FailureHandler.toProblem(new IllegalStateException("wrong", new RuntimeException()), -1)))
        .isEqualTo("500 internal");
  }

  @Test
  void anHttpExceptionIsAnsweredByItsStatus() {
    assertThat(summary(FailureHandler.toProblem(new HttpException(413), -1))).isEqualTo("413 payload-too-large");
  }

  @Test
  void aDatabaseThatCannotKeepUpIsAnOverloadToRetryNotAFault() {
    for (Throwable busy : new Throwable[] {
        new RuntimeException("Connection pool reached max wait queue size of 64"),
        new RuntimeException("Timeout while waiting for a connection"),
        new TimeoutException()}) {
      Problem problem = FailureHandler.toProblem(busy, -1);

      assertThat(summary(problem)).as(busy.toString()).isEqualTo("503 overloaded");
      assertThat(problem.headers()).containsEntry("Retry-After", "1");
    }
  }

  @Test
  void aDatabaseThatCannotBeReachedIsUnavailableToRetryNotAFault() {
    for (Throwable down : new Throwable[] {
        ClosedConnectionException.INSTANCE,
        new java.net.ConnectException("Connection refused"),
        new RuntimeException("wrapped", new java.io.IOException("recvAddress(..) failed: Connection reset by peer")),
        new io.vertx.pgclient.PgException("terminating connection due to administrator command", "FATAL", "57P01", null),
        new io.vertx.pgclient.PgException("the database system is in recovery mode", "FATAL", "57P03", null),
        new io.vertx.pgclient.PgException("connection failure", "FATAL", "08006", null)}) {
      Problem problem = FailureHandler.toProblem(down, -1);

      assertThat(summary(problem)).as(down.toString()).isEqualTo("503 database-unavailable");
      assertThat(problem.headers()).containsEntry("Retry-After", "2");
    }
  }

  @Test
  void aStatementThatFailsForItsOwnSakeIsStillAnInternalError() {
    assertThat(summary(FailureHandler.toProblem(
        new io.vertx.pgclient.PgException("syntax error", "ERROR", "42601", null), -1))).isEqualTo("500 internal");
  }

  @Test
  void anyOtherExceptionIsAnInternalErrorWhateverStatusTheContextCarries() {
    assertThat(summary(FailureHandler.toProblem(new RuntimeException("boom"), -1))).isEqualTo("500 internal");
    assertThat(summary(FailureHandler.toProblem(new RuntimeException(), -1))).isEqualTo("500 internal");
    assertThat(summary(FailureHandler.toProblem(new IllegalArgumentException("x"), 404))).isEqualTo("500 internal");
  }

  @Test
  void aStatusWithoutAnExceptionIsAnsweredByThatStatus() {
    assertThat(summary(FailureHandler.toProblem(null, 404))).isEqualTo("404 not-found");
    assertThat(summary(FailureHandler.toProblem(null, -1))).isEqualTo("500 internal");
  }

  @Test
  void eachStatusTheRouterFailsWithHasItsOwnProblem() {
    Map<Integer, String> expected = Map.ofEntries(
        Map.entry(400, "400 bad-request"), Map.entry(401, "401 unauthorized"),
        Map.entry(403, "403 forbidden"), Map.entry(404, "404 not-found"),
        Map.entry(405, "405 method-not-allowed"), Map.entry(406, "406 not-acceptable"),
        Map.entry(413, "413 payload-too-large"), Map.entry(414, "414 uri-too-long"),
        Map.entry(415, "415 unsupported-media-type"), Map.entry(429, "429 rate-limited"),
        Map.entry(503, "503 overloaded"));

    expected.forEach((status, problem) ->
        assertThat(summary(FailureHandler.fromStatus(status))).as("status " + status).isEqualTo(problem));
    assertThat(FailureHandler.fromStatus(401).headers()).containsKey("WWW-Authenticate");
    assertThat(FailureHandler.fromStatus(429).headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void anyOtherClientErrorKeepsItsStatusAndEverythingElseIsAnInternalError() {
    assertThat(summary(FailureHandler.fromStatus(418))).isEqualTo("418 client-error");
    assertThat(summary(FailureHandler.fromStatus(499))).isEqualTo("499 client-error");
    assertThat(summary(FailureHandler.fromStatus(500))).isEqualTo("500 internal");
    assertThat(summary(FailureHandler.fromStatus(502))).isEqualTo("500 internal");
    assertThat(summary(FailureHandler.fromStatus(302))).isEqualTo("500 internal");
  }

  private static String summary(Problem p) {
    return p.status() + " " + p.slug();
  }
}

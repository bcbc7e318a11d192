package vn.dossierpost.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The problem+json body and the factories that keep slugs and statuses stable. */
class ProblemTest {

  @Test
  void aProblemIsWrittenAsRfc9457WithTheRequestAsItsInstance() {
    JsonObject json = Problem.of(409, "order-exists", "Conflict", "an order is open").toJson("r-1");

    assertThat(json).isEqualTo(new JsonObject()
        .put("type", "/problems/order-exists").put("title", "Conflict").put("status", 409)
        .put("detail", "an order is open").put("instance", "urn:request:r-1").put("requestId", "r-1"));
  }

  @Test
  void aProblemWithoutDetailOrRequestIdLeavesThoseMembersOut() {
    JsonObject json = Problem.of(404, "not-found", "Not found", null).toJson(null);

    assertThat(json.fieldNames()).containsExactlyInAnyOrder("type", "title", "status");
  }

  @Test
  void fieldErrorsAreListedWithAPointerIntoTheRequest() {
    Problem problem = Problem.of(422, "validation-failed", "Validation failed", "2 field(s)")
        .withErrors(List.of(new FieldError("citizen.phone", "invalid", "Sai số."),
            new FieldError("orderIds[3]", "unknown_order", "Không có đơn này.")));

    JsonArray errors = problem.toJson(null).getJsonArray("errors");

    assertThat(errors).containsExactly(
        new JsonObject().put("field", "citizen.phone").put("pointer", "/citizen/phone")
            .put("code", "invalid").put("message", "Sai số."),
        new JsonObject().put("field", "orderIds[3]").put("pointer", "/orderIds/3")
            .put("code", "unknown_order").put("message", "Không có đơn này."));
  }

  @Test
  void aPointerEscapesTildeAndSlashAndIsEmptyForTheWholeRequest() {
    assertThat(FieldError.pointer("a~b/c")).isEqualTo("/a~0b~1c");
    assertThat(FieldError.pointer("legs[0].address.lines[12]")).isEqualTo("/legs/0/address/lines/12");
    assertThat(FieldError.pointer("[0]")).isEqualTo("/0");
    assertThat(FieldError.pointer("[0].dossierCode")).isEqualTo("/0/dossierCode");
    assertThat(FieldError.pointer("cells[1][3]")).isEqualTo("/cells/1/3");
    assertThat(FieldError.pointer("")).isEmpty();
    assertThat(FieldError.pointer(null)).isEmpty();
  }

  @Test
  void extensionsBecomeMembersAndHeadersStayOutOfTheBody() {
    Problem problem = Problem.of(409, "order-exists", "Conflict", "open").with("orderId", "o-1")
        .withHeader("Location", "/api/v1/orders/o-1");

    assertThat(problem.toJson(null).getString("orderId")).isEqualTo("o-1");
    assertThat(problem.toJson(null).containsKey("Location")).isFalse();
    assertThat(problem.headers()).containsExactly(Map.entry("Location", "/api/v1/orders/o-1"));
  }

  @Test
  void addingToAProblemLeavesTheOriginalAsItWas() {
    Problem original = Problem.of(400, "bad", "Bad request", "no");

    Problem more = original.with("a", 1).withHeader("X-A", "1")
        .withErrors(List.of(new FieldError("f", "c", "m")));

    assertThat(original.extensions()).isEmpty();
    assertThat(original.headers()).isEmpty();
    assertThat(original.errors()).isEmpty();
    assertThat(more.extensions()).containsEntry("a", 1);
    assertThat(more.errors()).hasSize(1);
    assertThat(more.headers()).containsEntry("X-A", "1");
  }

  @Test
  void anExceptionCarriesItsProblemAndNamesItInItsMessage() {
    Problem problem = Problem.of(409, "order-exists", "Conflict", "an order is open");

    ProblemException exception = problem.exception();

    assertThat(exception.problem()).isSameAs(problem);
    assertThat(exception).hasMessage("order-exists: an order is open");
    assertThat(exception.getStackTrace()).isEmpty();
  }

  @Test
  void eachFactoryAnswersWithItsStatusAndSlug() {
    assertThat(summary(Problems.validation(List.of(new FieldError("a", "b", "c")))))
        .isEqualTo("422 validation-failed 1 field(s) are invalid; nothing was changed");
    assertThat(summary(Problems.badRequest("malformed-json", "not JSON"))).isEqualTo("400 malformed-json not JSON");
    assertThat(summary(Problems.badQuery(List.of(new FieldError("a", "b", "c"), new FieldError("d", "e", "f")))))
        .isEqualTo("400 invalid-query 2 query parameter(s) are invalid");
    assertThat(summary(Problems.notFound())).isEqualTo("404 not-found no such resource");
    assertThat(summary(Problems.conflict("order-exists", "open"))).isEqualTo("409 order-exists open");
    assertThat(summary(Problems.unauthorized("send a key"))).isEqualTo("401 unauthorized send a key");
    assertThat(summary(Problems.forbidden("not yours"))).isEqualTo("403 forbidden not yours");
    assertThat(summary(Problems.tooManyRequests(7))).isEqualTo("429 rate-limited slow down and retry after 7 s");
    assertThat(summary(Problems.overloaded("busy"))).isEqualTo("503 overloaded busy");
  }

  @Test
  void theFieldErrorsOfAValidationFailureAreAllListed() {
    List<FieldError> errors = List.of(new FieldError("a", "b", "c"), new FieldError("d", "e", "f"));

    assertThat(Problems.validation(errors).problem().errors()).isEqualTo(errors);
    assertThat(Problems.badQuery(errors).problem().errors()).isEqualTo(errors);
  }

  @Test
  void theAnswersThatTellTheClientWhatToDoNextCarryTheirHeader() {
    assertThat(Problems.unauthorized("x").problem().headers())
        .containsExactly(Map.entry("WWW-Authenticate", "Bearer realm=\"dossier-post\""));
    assertThat(Problems.tooManyRequests(7).problem().headers()).containsExactly(Map.entry("Retry-After", "7"));
    assertThat(Problems.overloaded("x").problem().headers()).containsExactly(Map.entry("Retry-After", "1"));
  }

  private static String summary(ProblemException e) {
    Problem p = e.problem();
    return p.status() + " " + p.slug() + " " + p.detail();
  }
}

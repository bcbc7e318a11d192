package vn.dossierpost.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * Every bad request is answered with a 4xx problem+json that says what was wrong, and writes
 * nothing: no order, no outbox job, no idempotency key.
 */
class BadInputTest {

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys office = app.newOffice();
  private final Db db = new Db(app.services().pool());

  /** One bad request: how to spoil a valid one, and what the answer must be. */
  record Case(String name, Consumer<JsonObject> spoil, Buffer rawBody, Map<String, String> headers,
      int status, String pointer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> badRequests() {
    List<Case> cases = new ArrayList<>();
    field(cases, "dossier code missing", o -> o.remove("dossierCode"), "/dossierCode");
    field(cases, "dossier code free text", o -> o.put("dossierCode", "HS-001"), "/dossierCode");
    field(cases, "dossier code with lower-case letter",
        o -> o.put("dossierCode", "000.00.12.h56-251124-0001"), "/dossierCode");
    field(cases, "dossier code with impossible date",
        o -> o.put("dossierCode", "000.00.12.H56-251332-0001"), "/dossierCode");
    field(cases, "dossier code as a number", o -> o.put("dossierCode", 123), "/dossierCode");
    field(cases, "procedure code missing", o -> o.remove("procedureCode"), "/procedureCode");
    field(cases, "procedure code malformed", o -> o.put("procedureCode", "ABC"), "/procedureCode");
    field(cases, "leg missing", o -> o.remove("leg"), "/leg");
    field(cases, "leg in lower case", o -> o.put("leg", "pickup"), "/leg");
    field(cases, "leg unknown", o -> o.put("leg", "RETURN"), "/leg");
    field(cases, "citizen missing", o -> o.remove("citizen"), "/citizen");
    field(cases, "citizen not an object", o -> o.put("citizen", "Nguyễn Văn An"), "/citizen");
    field(cases, "name missing", o -> citizen(o).remove("name"), "/citizen/name");
    field(cases, "name of one letter", o -> citizen(o).put("name", "A"), "/citizen/name");
    field(cases, "name too long", o -> citizen(o).put("name", "Nguyễn ".repeat(17)), "/citizen/name");
    field(cases, "name with digits", o -> citizen(o).put("name", "Nguyễn Văn 3"), "/citizen/name");
    field(cases, "name with a NUL", o -> citizen(o).put("name", "Nguyễn\u0000Văn"), "/citizen/name");
    field(cases, "name with a bidi override", o -> citizen(o).put("name", "Nguyễn\u202EVăn"),
        "/citizen/name");
    field(cases, "name with a lone surrogate", o -> citizen(o).put("name", "Nguyễn\uD800"),
        "/citizen/name");
    field(cases, "name blank", o -> citizen(o).put("name", "   "), "/citizen/name");
    field(cases, "phone missing", o -> citizen(o).remove("phone"), "/citizen/phone");
    field(cases, "phone in letters", o -> citizen(o).put("phone", "không có số"), "/citizen/phone");
    field(cases, "phone foreign", o -> citizen(o).put("phone", "+14155552671"), "/citizen/phone");
    field(cases, "phone too short", o -> citizen(o).put("phone", "091234"), "/citizen/phone");
    field(cases, "landline with SMS wanted", o -> citizen(o).put("phone", "02438253535"),
        "/citizen/phone");
    field(cases, "phone as a number", o -> citizen(o).put("phone", 912345678), "/citizen/phone");
    field(cases, "address missing", o -> citizen(o).remove("address"), "/citizen/address");
    field(cases, "address line missing", o -> address(o).remove("line"), "/citizen/address/line");
    field(cases, "address line too long", o -> address(o).put("line", "x".repeat(201)),
        "/citizen/address/line");
    field(cases, "commune code of 4 digits", o -> address(o).put("communeCode", "0070"),
        "/citizen/address/communeCode");
    field(cases, "commune code as a number", o -> address(o).put("communeCode", 70),
        "/citizen/address/communeCode");
    field(cases, "province abolished in 2025", o -> address(o).put("provinceCode", "02"),
        "/citizen/address/provinceCode");
    field(cases, "commune not in force", o -> address(o).put("communeCode", "00001"),
        "/citizen/address/communeCode");
    field(cases, "commune of another province", o -> address(o).put("provinceCode", "79"),
        "/citizen/address/communeCode");
    field(cases, "province code of one digit", o -> address(o).put("provinceCode", "1"),
        "/citizen/address/provinceCode");
    field(cases, "address with unknown field", o -> address(o).put("ward", "Hoàn Kiếm"),
        "/citizen/address/ward");
    field(cases, "contents missing", o -> o.remove("contents"), "/contents");
    field(cases, "contents too long", o -> o.put("contents", "giấy ".repeat(101)), "/contents");
    field(cases, "fee negative", o -> o.put("feeToCollect", -1), "/feeToCollect");
    field(cases, "fee with decimals", o -> o.put("feeToCollect", 1.5), "/feeToCollect");
    field(cases, "fee as a string", o -> o.put("feeToCollect", "50000"), "/feeToCollect");
    field(cases, "fee absurdly large", o -> o.put("feeToCollect", 1_000_000_000_000L), "/feeToCollect");
    field(cases, "notifySms as a string", o -> o.put("notifySms", "yes"), "/notifySms");
    field(cases, "unknown top-level field", o -> o.put("priority", "HIGH"), "/priority");
    field(cases, "unknown citizen field", o -> citizen(o).put("email", "a@b.vn"), "/citizen/email");

    raw(cases, "body is a JSON array", Buffer.buffer("[1,2]"), json(), 400);
    raw(cases, "body is malformed JSON", Buffer.buffer("{\"dossierCode\": "), json(), 400);
    raw(cases, "body is empty", Buffer.buffer(), json(), 400);
    raw(cases, "body is a JSON string", Buffer.buffer("\"hello\""), json(), 400);
    raw(cases, "body is JSON null", Buffer.buffer("null"), json(), 400);
    raw(cases, "body is not UTF-8 JSON", Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b}),
        json(), 400);
    raw(cases, "content type is text/plain", sample(), Map.of("Content-Type", "text/plain",
        "Idempotency-Key", "k"), 415);
    raw(cases, "content type missing", sample(), Map.of("Idempotency-Key", "k"), 415);
    raw(cases, "body over the size limit", Buffer.buffer("{\"x\":\"" + "a".repeat(2 << 20) + "\"}"),
        json(), 413);
    raw(cases, "idempotency key too long", sample(),
        Map.of("Content-Type", "application/json", "Idempotency-Key", "k".repeat(300)), 400);
    raw(cases, "idempotency key missing", sample(), Map.of("Content-Type", "application/json"), 400);
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void aBadOrderRequestIsAProblemAndWritesNothing(Case c) {
    Buffer body = c.rawBody();
    if (body == null) {
      JsonObject order = Samples.order(Samples.dossierCode(office.office()), "DELIVERY");
      c.spoil().accept(order);
      body = order.toBuffer();
    }

    Http.Response response = app.http().send(HttpMethod.POST, "/api/v1/orders", office.deskKey(),
        body, c.headers());

    assertThat(response.status()).as(response.toString()).isEqualTo(c.status());
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.json();
    assertThat(problem.getString("type")).startsWith("/problems/");
    assertThat(problem.getInteger("status")).isEqualTo(c.status());
    if (c.pointer() != null) {
      assertThat(problem.getJsonArray("errors").stream()
          .map(e -> ((JsonObject) e).getString("pointer"))).contains(c.pointer());
    }
    assertThat(db.footprint(office.office())).isZero();
  }

  @Test
  void aRequestWithSeveralViolationsListsEveryOneWithItsPointerAndCodeAndWritesNothing() {
    JsonObject order = Samples.order(Samples.dossierCode(office.office()), "DELIVERY")
        .put("dossierCode", "HS-001").put("leg", "RETURN").put("feeToCollect", -1);
    citizen(order).put("phone", "không có số");
    address(order).put("provinceCode", "02");

    Http.Response response = app.http().post("/api/v1/orders", office.deskKey(), order,
        Map.of("Idempotency-Key", "five-violations"));

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.json().getString("type")).isEqualTo("/problems/validation-failed");
    List<JsonObject> errors = response.json().getJsonArray("errors").stream()
        .map(e -> (JsonObject) e).toList();
    assertThat(errors).map(e -> e.getString("pointer") + " " + e.getString("code"))
        .containsExactlyInAnyOrder("/dossierCode invalid_format", "/leg invalid_value",
            "/citizen/phone invalid_phone", "/citizen/address/provinceCode unknown_province",
            "/feeToCollect out_of_range");
    assertThat(errors).allSatisfy(e -> {
      assertThat(e.getString("field")).isNotBlank();
      assertThat(e.getString("message")).isNotBlank();
    });
    assertThat(db.footprint(office.office())).isZero();
  }

  static Stream<Arguments> badQueries() {
    return Stream.of("status=LOST_IN_SPACE", "leg=BOTH", "limit=0", "limit=1000", "limit=ten",
        "cursor=not-a-cursor", "from=yesterday", "from=2025-02-30", "itemCode=RR123456786VN",
        "dossierCode=abc", "sort=asc", "from=2025-12-01&to=2025-11-01", "status=BOOKED&status=CREATED")
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badQueries")
  void aBadListQueryIsA400NamingTheParameter(String query) {
    Http.Response response = app.http().get("/api/v1/orders?" + query, office.deskKey());

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().getString("type")).isEqualTo("/problems/invalid-query");
    assertThat(response.json().getJsonArray("errors")).isNotEmpty();
  }

  private static void field(List<Case> cases, String name, Consumer<JsonObject> spoil,
      String pointer) {
    cases.add(new Case(name, spoil, null, Map.of("Content-Type", "application/json",
        "Idempotency-Key", "k-" + cases.size()), 422, pointer));
  }

  private static void raw(List<Case> cases, String name, Buffer body, Map<String, String> headers,
      int status) {
    cases.add(new Case(name, null, body, headers, status, null));
  }

  private static Map<String, String> json() {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Idempotency-Key", "raw");
    return headers;
  }

  private static Buffer sample() {
    return Samples.order("000.00.12.H56-251124-0001", "DELIVERY").toBuffer();
  }

  private static JsonObject citizen(JsonObject order) {
    return order.getJsonObject("citizen");
  }

  private static JsonObject address(JsonObject order) {
    return citizen(order).getJsonObject("address");
  }
}

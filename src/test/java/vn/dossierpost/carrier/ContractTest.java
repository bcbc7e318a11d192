package vn.dossierpost.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.StatusMap;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * tracking-contracts/ and the code never disagree: every example is replayed against the
 * simulator (which validates with the contract) and read by the adapter; every normalised event
 * the service produces matches the event schema.
 */
class ContractTest {

  private static final Path EXAMPLES = Path.of("tracking-contracts", "examples");
  private static final CarrierRecords RECORDS = new CarrierRecords(StatusMap.vnpost());
  private static TestApp app;
  private static CarrierSim carrier;
  private static OpenAPIContract contract;
  private static ResponseValidator responses;

  @BeforeAll
  static void start() {
    app = TestApp.startFresh(Map.of());
    carrier = new CarrierSim(app);
    Vertx vertx = app.app().vertx();
    contract = TestApp.await(OpenAPIContract.from(vertx, "tracking-contracts/vnpost-hcc.openapi.yaml"));
    responses = ResponseValidator.create(vertx, contract);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static Stream<Path> validRequests() {
    return files("valid", ".request.json");
  }

  static Stream<Path> invalidRequests() {
    return files("invalid", ".request.json");
  }

  static Stream<Path> validResponses() {
    return files("valid", ".response.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validRequests")
  void theSimulatorAcceptsEveryValidRequestAndAnswersWithinTheContract(Path file) {
    String operation = operationOf(file);
    Http.Response response = send(operation, read(file));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertConforms(operation, response.status(), response.body());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void theSimulatorRefusesEveryInvalidRequestInTheCarriersErrorShape(Path file) {
    Http.Response response = send(operationOf(file), read(file));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.json().getString("Code")).isEqualTo("INVALID_REQUEST");
    assertThat(response.json().getString("Message")).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validResponses")
  void everyResponseExampleConformsToItsOperation(Path file) {
    String name = file.getFileName().toString();
    int status = name.contains("-duplicate") || name.contains("-not-cancellable") ? 409
        : name.contains("-unserved") ? 422 : 200;

    assertConforms(operationOf(file), status, Buffer.buffer(read(file).encode()));
  }

  @Test
  void theAdapterReadsTheResponseExamples() {
    assertThat(VnpostHccCarrier.readBooking(example("valid/createOrder.response.json")))
        .isEqualTo(new PostalCarrier.Booked("EB100000003VN"));
    assertThat(VnpostHccCarrier.readBooking(example("valid/getOrder.response.json")))
        .isEqualTo(new PostalCarrier.Booked("EB100000003VN"));
    assertThat(VnpostHccCarrier.refusal(example("valid/createOrder-unserved.response.json")).code())
        .isEqualTo("UNSERVED_AREA");
    PostalCarrier.TrackingPage page = VnpostHccCarrier.readPage(
        example("valid/getTracking.response.json"), "000000000000000000000000");
    assertThat(page.records()).hasSize(3);
    assertThat(page.lastId()).isEqualTo("00000000000000000000002c");
    assertThat(VnpostHccCarrier.readPage(example("valid/getTracking-empty.response.json"), "x")
        .records()).isEmpty();
  }

  @Test
  void theAdaptersOwnRequestsPassTheContract() {
    Desk desk = new Desk(app, app.newOffice());
    JsonObject order = desk.booked("PICKUP");
    vn.dossierpost.support.Eventually.within(java.time.Duration.ofSeconds(10), () ->
        assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("BOOKED"));

    assertThat(carrier.stats().getLong("createCalls")).isPositive();
  }

  /** Webhook bodies: VNPost's push (pushTracking-*) and the EMS variant (ems-push*). */
  static Stream<Path> validPushBodies() {
    return files("valid", ".json").filter(ContractTest::isPushBody);
  }

  /** invalid/*.fields.csv: each invalid push body and the field it must be refused for. */
  static Stream<Arguments> invalidPushBodies() throws IOException {
    List<Arguments> all = new java.util.ArrayList<>();
    for (String index : List.of("pushTracking.fields.csv", "ems-push.fields.csv")) {
      List<String> lines = Files.readAllLines(EXAMPLES.resolve("invalid").resolve(index));
      lines.subList(1, lines.size()).stream().map(line -> line.split(",", 2))
          .forEach(cells -> all.add(Arguments.of(cells[0], cells[1])));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPushBodies")
  void everyValidPushBodyPassesItsSchemaAndTheServicesCheck(Path file) {
    JsonObject body = read(file);
    boolean ems = isEms(file.getFileName().toString());

    OutputUnit result = (ems ? emsSchema() : pushSchema()).validate(body);
    assertThat(result.getValid()).as(file + " " + result.getErrors()).isTrue();
    assertThat(ems ? List.of(RECORDS.readEms(body, "tx-1", Instant.now()))
        : RECORDS.readPush(body, EventSource.WEBHOOK, Instant.now())).isNotEmpty();
  }

  @ParameterizedTest(name = "{0} refused for {1}")
  @MethodSource("invalidPushBodies")
  void everyInvalidPushBodyFailsItsSchemaAndIsRefusedNamingItsField(String file, String field) {
    JsonObject body = example("invalid/" + file);
    boolean ems = isEms(file);

    assertThat((ems ? emsSchema() : pushSchema()).validate(body).getValid()).as(file).isFalse();
    assertThatThrownBy(() -> {
      if (ems) {
        RECORDS.readEms(body, "tx-1", Instant.now());
      } else {
        RECORDS.readPush(body, EventSource.WEBHOOK, Instant.now());
      }
    }).isInstanceOfSatisfying(ProblemException.class, e -> {
      assertThat(e.problem().status()).isEqualTo(422);
      assertThat(e.problem().errors()).extracting(FieldError::field).containsExactly(field);
    });
  }

  @Test
  void everyInvalidPushExampleNamesTheFieldItIsRefusedFor() throws IOException {
    List<String> named = invalidPushBodies().map(a -> (String) a.get()[0]).toList();

    assertThat(files("invalid", ".json").map(p -> p.getFileName().toString())
        .filter(n -> isPushBody(Path.of(n)))).containsExactlyInAnyOrderElementsOf(named);
  }

  @Test
  void everyRecordOfATrackingPageExamplePassesTheServicesCheck() {
    JsonObject page = example("valid/getTracking.response.json");

    CarrierRecords.Page read = RECORDS.readPage(page.getJsonArray("Data").stream().toList(),
        Instant.now());

    assertThat(read.rejected()).isEmpty();
    assertThat(read.events()).hasSize(3);
  }

  @Test
  void normalisedEventExamplesMatchTheEventSchema() {
    Validator events = eventSchema();

    assertThat(events.validate(example("valid/normalized-event.json")).getValid()).isTrue();
    for (String invalid : List.of("invalid/normalized-event-unknown-code.json",
        "invalid/normalized-event-no-offset.json")) {
      assertThat(events.validate(example(invalid)).getValid()).as(invalid).isFalse();
    }
  }

  @Test
  void theEventsTheServiceAnswersMatchTheEventSchema() {
    Desk desk = new Desk(app, app.newOffice());
    String id = desk.booked("DELIVERY").getString("id");
    vn.dossierpost.support.Eventually.within(java.time.Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    desk.cancels(id);

    JsonArray events = desk.events(id).json().getJsonArray("items");

    assertThat(events).hasSizeGreaterThanOrEqualTo(2);
    Validator schema = eventSchema();
    for (Object event : events) {
      OutputUnit result = schema.validate(event);
      assertThat(result.getValid()).as(event + " " + result.getErrors()).isTrue();
    }
  }

  @Test
  void theStatusMapNamesEveryVnpostCodeAndOnlyKnownEvents() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("tracking-contracts", "vnpost-status-map.csv"));
    java.util.Set<Integer> codes = new java.util.TreeSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      codes.add(Integer.parseInt(cells[0]));
      assertThat(cells[3].equals("UNMAPPED")
          || vn.dossierpost.tracking.EventCode.parse(cells[3]) != null).as(line).isTrue();
    }
    for (int c = 0; c <= 22; c++) {
      assertThat(codes).contains(c);
    }
    for (int c = 101; c <= 111; c++) {
      assertThat(codes).contains(c);
    }
  }

  private static Validator pushSchema() {
    return validator(contract.getRawContract().getJsonObject("webhooks")
        .getJsonObject("trackingPush").getJsonObject("post").getJsonObject("requestBody")
        .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
  }

  private static Validator emsSchema() {
    return validator(contract.getRawContract().getJsonObject("webhooks")
        .getJsonObject("emsPush").getJsonObject("post").getJsonObject("requestBody")
        .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema"));
  }

  private static boolean isPushBody(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("pushTracking") || isEms(name);
  }

  private static boolean isEms(String name) {
    return name.startsWith("ems-push");
  }

  private static Validator eventSchema() {
    return validator(read(Path.of("tracking-contracts", "tracking-event.schema.json")));
  }

  private static Validator validator(JsonObject schema) {
    return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012).setBaseUri("https://dossier-post.local/"));
  }

  private static Http.Response send(String operation, JsonObject body) {
    return switch (operation) {
      case "getToken" -> carrier.http().send(HttpMethod.POST, "/api/token", null, body.toBuffer(),
          Map.of("Content-Type", "application/json"));
      case "createOrder" -> carrier.api(HttpMethod.POST, "/api/orders", body);
      case "cancelOrder" -> {
        carrier.api(HttpMethod.POST, "/api/orders", example("valid/createOrder-delivery.request.json")
            .put("OrderNumber", body.getString("OrderNumber", "none")));
        yield carrier.api(HttpMethod.POST, "/api/orders/cancel", body);
      }
      default -> throw new IllegalArgumentException("no request example expected for " + operation);
    };
  }

  private static void assertConforms(String operation, int status, Buffer body) {
    try {
      TestApp.await(responses.validate(ValidatableResponse.create(status, body, "application/json"),
          operation));
    } catch (RuntimeException e) {
      throw new AssertionError(operation + " " + status + " does not match the contract: "
          + e.getMessage() + "\n" + body, e);
    }
  }

  private static String operationOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.indexOf(name.contains("-") ? '-' : '.')).split("\\.")[0];
  }

  private static Stream<Path> files(String folder, String suffix) {
    try (Stream<Path> list = Files.list(EXAMPLES.resolve(folder))) {
      return list.filter(p -> p.toString().endsWith(suffix)).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject example(String relative) {
    return read(EXAMPLES.resolve(relative));
  }

  private static JsonObject read(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package vn.dossierpost.carrier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dossierpost.geo.Address;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;

/** The adapter's transport rules, with faults injected by WireMock into its outbound HTTP. */
class VnpostHccCarrierTest {

  private WireMockServer carrier;
  private Vertx vertx;
  private Circuit circuit;
  private VnpostHccCarrier adapter;

  @BeforeEach
  void setUp() {
    carrier = new WireMockServer(wireMockConfig().dynamicPort());
    carrier.start();
    carrier.stubFor(post("/api/token").willReturn(okJson("{\"token\":\"tok-1234567890abcdef\",\"expiresIn\":3600}")));
    vertx = Vertx.vertx();
    circuit = new Circuit(5, Duration.ofMillis(300));
    // Timeouts far above what a busy 2-core CI machine takes to answer from loopback: a test
    // that wants a timeout asks for a much slower answer.
    adapter = new VnpostHccCarrier(vertx, WebClient.create(vertx),
        new VnpostHccCarrier.Settings(carrier.baseUrl(), "HCC-DEMO", "key", "secret",
            Duration.ofMillis(2_000), 3, Duration.ofMillis(10)),
        circuit, new SimpleMeterRegistry());
  }

  @AfterEach
  void tearDown() {
    TestApp.await(vertx.close());
    carrier.stop();
  }

  @Test
  void aBookingAnswersTheItemCodeAndReusesTheToken() {
    carrier.stubFor(post("/api/orders").willReturn(okJson(booked("EB100000003VN"))));

    PostalCarrier.Booking first = TestApp.await(adapter.book(shipment("A-D")));
    TestApp.await(adapter.book(shipment("B-D")));

    assertThat(first).isEqualTo(new PostalCarrier.Booked("EB100000003VN"));
    carrier.verify(1, postRequestedFor(urlEqualTo("/api/token")));
    carrier.verify(2, postRequestedFor(urlEqualTo("/api/orders"))
        .withHeader("Authorization", equalTo("Bearer tok-1234567890abcdef")));
  }

  @Test
  void sendsTheVnpostFieldsWithTheCitizenAsReceiverOfADelivery() {
    carrier.stubFor(post("/api/orders").willReturn(okJson(booked("EB100000003VN"))));

    TestApp.await(adapter.book(shipment("C-D")));

    carrier.verify(postRequestedFor(urlEqualTo("/api/orders"))
        .withRequestBody(matchingJsonPath("$.CustomerCode", equalTo("HCC-DEMO")))
        .withRequestBody(matchingJsonPath("$.OrderNumber", equalTo("C-D")))
        .withRequestBody(matchingJsonPath("$.ServiceCode", equalTo("HCC")))
        .withRequestBody(matchingJsonPath("$.ReceiverName", equalTo("Nguyễn Văn An")))
        .withRequestBody(matchingJsonPath("$.ReceiverTel", equalTo("0912345678")))
        .withRequestBody(matchingJsonPath("$.ReceiverProvince", equalTo("01")))
        .withRequestBody(matchingJsonPath("$.CODAmount", equalTo("50000"))));
  }

  @Test
  void aTransient503IsRetriedWithBackoff() {
    carrier.stubFor(post("/api/orders").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withBody("{\"Code\":\"UNAVAILABLE\",\"Message\":\"x\"}"))
        .willSetStateTo("up"));
    carrier.stubFor(post("/api/orders").inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(okJson(booked("EB100000003VN"))));

    assertThat(TestApp.await(adapter.book(shipment("D-D")))).isInstanceOf(PostalCarrier.Booked.class);
    carrier.verify(2, postRequestedFor(urlEqualTo("/api/orders")));
  }

  @Test
  void aConnectionResetIsRetried() {
    carrier.stubFor(post("/api/orders").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
    carrier.stubFor(post("/api/orders").inScenario("reset").whenScenarioStateIs("up")
        .willReturn(okJson(booked("EB100000003VN"))));

    assertThat(TestApp.await(adapter.book(shipment("E-D")))).isInstanceOf(PostalCarrier.Booked.class);
  }

  @Test
  void aCallThatOutlivesItsTimeoutIsRetriedThenReportedUnavailable() {
    carrier.stubFor(post("/api/orders").willReturn(okJson(booked("EB100000003VN")).withFixedDelay(6_000)));

    assertThatThrownBy(() -> TestApp.await(adapter.book(shipment("F-D"))))
        .isInstanceOf(CarrierUnavailable.class).hasMessageContaining("after 3 tries");
    carrier.verify(3, postRequestedFor(urlEqualTo("/api/orders")));
  }

  @Test
  void aRefusalIsAnAnswerAndIsNotRetried() {
    carrier.stubFor(post("/api/orders").willReturn(aResponse().withStatus(422)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"Code\":\"UNSERVED_AREA\",\"Message\":\"Xã/phường nhận không có trong danh mục\"}")));

    PostalCarrier.Booking booking = TestApp.await(adapter.book(shipment("G-D")));

    assertThat(booking).isEqualTo(new PostalCarrier.Refused("UNSERVED_AREA",
        "UNSERVED_AREA: Xã/phường nhận không có trong danh mục"));
    carrier.verify(1, postRequestedFor(urlEqualTo("/api/orders")));
  }

  @Test
  void aDuplicateAnswerIsResolvedByLookingTheShipmentUp() {
    carrier.stubFor(post("/api/orders").willReturn(aResponse().withStatus(409)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"Code\":\"DUPLICATE_ORDER\",\"Message\":\"Mã đơn hàng đã tồn tại\"}")));
    carrier.stubFor(get(urlPathEqualTo("/api/orders/H-D")).willReturn(okJson(
        "{\"OrderNumber\":\"H-D\",\"ItemCode\":\"EB100000017VN\",\"StatusCode\":1,\"CreatedAt\":\"2025-11-24T09:00:00+07:00\"}")));

    assertThat(TestApp.await(adapter.book(shipment("H-D"))))
        .isEqualTo(new PostalCarrier.Booked("EB100000017VN"));
    carrier.verify(getRequestedFor(urlEqualTo("/api/orders/H-D?customerCode=HCC-DEMO")));
  }

  @Test
  void anExpiredTokenIsRenewedOnceOn401() {
    carrier.stubFor(post("/api/orders").inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(401).withBody("{\"Code\":\"UNAUTHORIZED\",\"Message\":\"expired\"}"))
        .willSetStateTo("renewed"));
    carrier.stubFor(post("/api/orders").inScenario("expiry").whenScenarioStateIs("renewed")
        .willReturn(okJson(booked("EB100000003VN"))));

    assertThat(TestApp.await(adapter.book(shipment("I-D")))).isInstanceOf(PostalCarrier.Booked.class);
    carrier.verify(2, postRequestedFor(urlEqualTo("/api/token")));
  }

  @Test
  void aFullOutageOpensTheCircuitAndNothingMoreIsSentUntilItHalfOpens() {
    carrier.stubFor(post("/api/orders").willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> TestApp.await(adapter.book(shipment("J-D"))))
        .isInstanceOf(CarrierUnavailable.class);
    assertThatThrownBy(() -> TestApp.await(adapter.book(shipment("K-D"))))
        .isInstanceOf(CarrierUnavailable.class);
    int sent = carrier.findAll(postRequestedFor(urlEqualTo("/api/orders"))).size();
    assertThat(circuit.state()).isEqualTo(Circuit.State.OPEN);
    assertThatThrownBy(() -> TestApp.await(adapter.book(shipment("L-D"))))
        .isInstanceOf(CarrierUnavailable.CircuitOpen.class);
    assertThat(carrier.findAll(postRequestedFor(urlEqualTo("/api/orders")))).hasSize(sent);

    carrier.stubFor(post("/api/orders").willReturn(okJson(booked("EB100000003VN"))));
    Eventually.within(Duration.ofSeconds(5), () ->
        assertThat(circuit.state()).isEqualTo(Circuit.State.HALF_OPEN));
    // Half open, the first call goes out as the probe; one made while it runs is refused.
    var probe = adapter.book(shipment("M-D"));
    var meanwhile = adapter.book(shipment("N-D"));
    assertThat(TestApp.await(probe)).isInstanceOf(PostalCarrier.Booked.class);
    assertThatThrownBy(() -> TestApp.await(meanwhile)).isInstanceOf(CarrierUnavailable.CircuitOpen.class);
    assertThat(circuit.state()).isEqualTo(Circuit.State.CLOSED);
    assertThat(carrier.findAll(postRequestedFor(urlEqualTo("/api/orders")))).as("the probe alone")
        .hasSize(sent + 1);
  }

  @Test
  void readsTrackingPagesAndKeepsTheCursorWhenAPageIsEmpty() {
    carrier.stubFor(get(urlPathEqualTo("/api/tracking")).willReturn(okJson(
        "{\"Data\":[{\"_id\":\"00000000000000000000002a\",\"OrderNumber\":\"A-D\",\"ItemCode\":\"EB100000003VN\","
            + "\"StatusCode\":6,\"StatusMessage\":\"Đã nhận hàng\",\"StatusDate\":\"2025-11-24T10:02:11+07:00\"}],"
            + "\"LastId\":\"00000000000000000000002a\"}")));

    PostalCarrier.TrackingPage page = TestApp.await(adapter.track("000000000000000000000000", 100));

    assertThat(page.records()).hasSize(1);
    assertThat(page.lastId()).isEqualTo("00000000000000000000002a");
    assertThat(VnpostHccCarrier.readPage(new JsonObject().put("Data", new io.vertx.core.json.JsonArray()),
        "00000000000000000000002a").lastId()).isEqualTo("00000000000000000000002a");
  }

  private static String booked(String itemCode) {
    return "{\"Code\":\"00\",\"Message\":\"ok\",\"OrderNumber\":\"x\",\"ItemCode\":\"" + itemCode + "\"}";
  }

  static Shipment shipment(String orderNumber) {
    Shipment.Party desk = new Shipment.Party("Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa",
        new Address("Số 1 Trần Phú", "22366", "56", null), "+842583822222");
    Shipment.Party citizen = new Shipment.Party("Nguyễn Văn An",
        new Address("12 Tràng Tiền", "00070", "01", null), "+84912345678");
    return new Shipment(orderNumber, null, desk, citizen, "Giấy chứng nhận", 50_000,
        "Trả kết quả hồ sơ " + orderNumber);
  }
}

package vn.dossierpost.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dossierpost.config.SmsConfig;
import vn.dossierpost.support.TestApp;

/** The generic HTTP gateway against an operator API played by WireMock. */
class HttpSmsGatewayTest {

  private WireMockServer operator;
  private Vertx vertx;
  private HttpSmsGateway gateway;
  private final SmsGateway.Outgoing sms = new SmsGateway.Outgoing("dp-outbox-42", "+84912345678",
      "DICHVUCONG", "Ho so \"A\" da phat. Tra cuu: http://x/t/abc");

  @BeforeEach
  void setUp() {
    operator = new WireMockServer(wireMockConfig().dynamicPort());
    operator.start();
    vertx = Vertx.vertx();
    gateway = new HttpSmsGateway(WebClient.create(vertx), URI.create(operator.baseUrl() + "/sms"),
        Optional.of("Bearer op-token"), SmsConfig.DEFAULT_BODY, Duration.ofSeconds(2));
  }

  @AfterEach
  void tearDown() {
    TestApp.await(vertx.close());
    operator.stop();
  }

  @Test
  void itPostsTheConfiguredBodyWithTheOutboxIdAsIdempotencyKey() {
    operator.stubFor(post("/sms").willReturn(aResponse().withStatus(202)
        .withHeader("Content-Type", "application/json").withBody("{\"messageId\":\"op-77\"}")));

    SmsGateway.Accepted accepted = TestApp.await(gateway.send(sms));

    assertThat(accepted.gatewayRef()).isEqualTo("op-77");
    operator.verify(postRequestedFor(urlEqualTo("/sms"))
        .withHeader("Idempotency-Key", equalTo("dp-outbox-42"))
        .withHeader("Authorization", equalTo("Bearer op-token"))
        .withRequestBody(equalToJson("{\"from\":\"DICHVUCONG\",\"to\":\"+84912345678\","
            + "\"text\":\"Ho so \\\"A\\\" da phat. Tra cuu: http://x/t/abc\",\"ref\":\"dp-outbox-42\"}")));
  }

  @Test
  void aRefusalIsPermanentAndAnOutageIsRetried() {
    operator.stubFor(post("/sms").willReturn(aResponse().withStatus(400)));
    assertThatThrownBy(() -> TestApp.await(gateway.send(sms)))
        .satisfies(e -> assertThat(rootOf(e)).isInstanceOf(SmsGateway.Rejected.class));

    operator.stubFor(post("/sms").willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> TestApp.await(gateway.send(sms)))
        .satisfies(e -> assertThat(rootOf(e)).isNotInstanceOf(SmsGateway.Rejected.class));

    operator.stubFor(post("/sms").willReturn(aResponse().withStatus(429)));
    assertThatThrownBy(() -> TestApp.await(gateway.send(sms)))
        .satisfies(e -> assertThat(rootOf(e)).isNotInstanceOf(SmsGateway.Rejected.class));
  }

  @Test
  void aCustomBodyShapeIsFilledWithJsonEscapedValues() {
    String body = HttpSmsGateway.body("{\"msisdn\":\"${to}\",\"sender\":\"${brandname}\",\"content\":\"${text}\"}", sms);

    assertThat(new io.vertx.core.json.JsonObject(body).getString("content")).isEqualTo(sms.text());
  }

  private static Throwable rootOf(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}

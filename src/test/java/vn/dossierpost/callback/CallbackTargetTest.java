package vn.dossierpost.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.dossierpost.http.OutboundTargets;
import vn.dossierpost.support.TestApp;

/**
 * A callback goes to the address that was checked, over TLS to the name: a receiver on
 * loopback with a certificate for {@code callback.test} (a name no resolver knows) is reached
 * only because the checked address is pinned, with that name in the Host header and the SNI,
 * and its certificate verified against it.
 */
class CallbackTargetTest {

  private static final String NAME = "callback.test";
  private static Vertx vertx;
  private static SelfSignedCertificate certificate;
  private static HttpServer server;
  private static final List<String> seen = new CopyOnWriteArrayList<>();
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create(NAME);
    server = TestApp.await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(req -> {
          seen.add(req.path() + " host=" + req.authority().host() + " sni=" + req.connection().indicatedServerName());
          if (req.path().equals("/redirect")) {
            req.response().setStatusCode(302).putHeader("Location", "https://" + NAME + ":"
                + req.authority().port() + "/hooks").end();
          } else {
            req.response().setStatusCode(204).end();
          }
        }).listen(0, "127.0.0.1"));
    client = WebClient.create(vertx, new WebClientOptions().setTrustOptions(certificate.trustOptions())
        .setFollowRedirects(false).setVerifyHost(true));
  }

  @AfterAll
  static void stop() {
    client.close();
    TestApp.await(vertx.close());
    certificate.delete();
  }

  private static OutboundTargets.Resolver resolving(Map<String, List<String>> names) {
    return host -> {
      List<String> addresses = names.get(host);
      return addresses == null ? Future.failedFuture(new java.net.UnknownHostException(host))
          : Future.succeededFuture(addresses.stream().map(a -> OutboundTargets.literal(a).orElseThrow()).toList());
    };
  }

  private static String url(String path) {
    return "https://" + NAME + ":" + server.actualPort() + path;
  }

  private static HttpResponse<Buffer> post(CallbackTarget target, String url) {
    return TestApp.await(target.post(url).compose(r -> r.timeout(5_000).sendBuffer(Buffer.buffer("{}"))));
  }

  @Test
  void aPinnedSendReachesTheCheckedAddressWithTheNameInHostAndSniAndAVerifiedCertificate() {
    CallbackTarget target = new CallbackTarget(client, resolving(Map.of(NAME, List.of("127.0.0.1"))), true);

    HttpResponse<Buffer> answer = post(target, url("/hooks"));

    assertThat(answer.statusCode()).isEqualTo(204);
    assertThat(seen).contains("/hooks host=" + NAME + " sni=" + NAME);
  }

  @Test
  void aRedirectIsNotFollowed() {
    CallbackTarget target = new CallbackTarget(client, resolving(Map.of(NAME, List.of("127.0.0.1"))), true);
    int before = seen.size();

    HttpResponse<Buffer> answer = post(target, url("/redirect"));

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(seen.size() - before).isEqualTo(1);
  }

  @Test
  void withTheGuardOnANameWithAnyLoopbackAddressIsRefusedBeforeAnyConnection() {
    CallbackTarget target = new CallbackTarget(client,
        resolving(Map.of(NAME, List.of("203.0.113.10", "127.0.0.1"))), false);
    int before = seen.size();

    assertThatThrownBy(() -> post(target, url("/hooks"))).isInstanceOf(CallbackTarget.Refused.class)
        .hasMessageContaining("loopback").hasMessageContaining(NAME);
    assertThat(seen).hasSize(before);
  }

  @Test
  void theSystemResolverSeesLocalhostAsLoopbackSoTheGuardRefusesIt() {
    CallbackTarget target = new CallbackTarget(client, OutboundTargets.system(vertx, java.time.Duration.ofSeconds(5)),
        false);

    assertThatThrownBy(() -> post(target, "https://localhost:" + server.actualPort() + "/hooks"))
        .isInstanceOf(CallbackTarget.Refused.class).hasMessageContaining("loopback");
  }

  @Test
  void aCertificateForAnotherNameFailsEvenAtTheCheckedAddress() {
    CallbackTarget target = new CallbackTarget(client,
        resolving(Map.of("other.test", List.of("127.0.0.1"))), true);

    assertThatThrownBy(() -> post(target, "https://other.test:" + server.actualPort() + "/hooks"))
        .isNotInstanceOf(CallbackTarget.Refused.class).hasStackTraceContaining("No name matching other.test");
  }
}

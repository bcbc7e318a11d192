package vn.dossierpost.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.dossierpost.support.CallbackReceiver;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * With {@code DP_CALLBACK_ALLOW_PRIVATE} off (the default), an admin cannot point callbacks at
 * the service's own network: refused when the URL is set, and again when a send resolves it.
 */
class CallbackGuardTest {

  private static TestApp app;
  private static CallbackReceiver receiver;

  @BeforeAll
  static void start() {
    app = TestApp.startFresh(Map.of("DP_CALLBACK_ALLOW_PRIVATE", "false", "DP_CALLBACK_RETRY_BASE_MS", "50"));
    receiver = CallbackReceiver.start(app.app().vertx());
  }

  @AfterAll
  static void stop() {
    receiver.close();
    app.close();
  }

  private static Http.Response setCallback(TestApp on, String office, String url) {
    return on.http().send(HttpMethod.PUT, "/api/v1/admin/offices/" + office + "/callback", on.adminKey(),
        new JsonObject().put("url", url).toBuffer(), Map.of("Content-Type", "application/json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://motcua.example.vn/hooks", "https://127.0.0.1/hooks",
      "https://127.1.2.3:8443/hooks", "https://10.0.0.5/hooks", "https://172.16.4.4/hooks",
      "https://192.168.1.10/hooks", "https://100.64.0.1/hooks", "https://169.254.169.254/latest",
      "https://224.0.0.251/hooks", "https://0.0.0.0/hooks", "https://[::]/hooks", "https://[::1]/hooks",
      "https://[fc00::1]/hooks", "https://[fd00:ec2::254]/hooks", "https://[fe80::1]/hooks",
      "https://[ff02::1]/hooks", "https://[::ffff:127.0.0.1]/hooks", "https://[::ffff:10.1.1.1]/hooks",
      "https://localhost/hooks", "https://2130706433/hooks", "https://user@motcua.example.vn/hooks"})
  void aRefusedCallbackUrlGets422NamingTheFieldAndChangesNothing(String url) {
    String office = app.newOffice().office();

    Http.Response refused = setCallback(app, office, url);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("url");
    assertThat(new Db(app.services().pool()).count(
        "SELECT count(*) FROM offices WHERE code = $1 AND callback_url IS NULL", office)).isEqualTo(1);
  }

  @Test
  void aUrlWithCredentialsIsNamedForWhatItIsNotAsAForbiddenAddress() {
    Http.Response refused = setCallback(app, app.newOffice().office(), "https://user:pw@motcua.example.vn/hooks");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("invalid_url");
  }

  @Test
  void aNewOfficeWithAPrivateCallbackUrlGets422NamingCallbackUrl() {
    Http.Response refused = app.http().post("/api/v1/admin/offices", app.adminKey(), new JsonObject()
        .put("code", "000.00.99.H01").put("name", "Sở thử nghiệm").put("phone", "02438253535")
        .put("address", new JsonObject().put("line", "1 Lê Lợi").put("communeCode", "00070")
            .put("provinceCode", "01"))
        .put("callbackUrl", "https://192.168.0.1/hooks"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.text()).contains("\"callbackUrl\"").contains("forbidden_address");
  }

  @Test
  void httpsToAPublicAddressOrToANameNotResolvableYetIsAccepted() {
    String office = app.newOffice().office();

    assertThat(setCallback(app, office, "https://203.0.113.10:8443/hooks").status()).isEqualTo(200);
    assertThat(setCallback(app, office, "https://motcua.example.vn/hooks/post").status()).isEqualTo(200);
  }

  @Test
  void withTheSettingOnHttpAndLoopbackAreAccepted() {
    TestApp allowed = TestApp.shared();
    String office = allowed.newOffice().office();

    assertThat(setCallback(allowed, office, "http://localhost:1/hooks").status()).isEqualTo(200);
    assertThat(setCallback(allowed, office, "https://127.0.0.1:1/hooks").status()).isEqualTo(200);
  }

  /** The URL was accepted once (a public answer) and its name now resolves to loopback. */
  @Test
  void aNameResolvingToLoopbackAtSendTimeFailsTheJobForGoodWithTheReasonInTheLog() {
    JsonObject logged = refusedAtSend("https://localhost:" + port() + "/hooks/dossier-post");

    assertThat(logged.getString("error")).contains("callback URL refused").contains("localhost")
        .contains("loopback").contains("127.0.0.1");
  }

  @Test
  void plainHttpIsRefusedAtSendTime() {
    JsonObject logged = refusedAtSend(receiver.url());

    assertThat(logged.getString("error")).contains("https");
  }

  private static int port() {
    return Integer.parseInt(receiver.url().replaceAll("^http://localhost:(\\d+)/.*$", "$1"));
  }

  /** The one delivery log entry of a booking's callback sent to {@code url}, once its job died. */
  private JsonObject refusedAtSend(String url) {
    TestApp.OfficeKeys office = app.newOffice();
    TestApp.await(app.services().offices().setCallback(office.office(), url,
        vn.dossierpost.access.Offices.newSecret()));
    Desk desk = new Desk(app, office);
    int before = receiver.all().size();
    String id = desk.booked("DELIVERY").getString("id");

    // DEAD straight after the first try: a retry would have left the job PENDING in between.
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(log(desk, id)).isNotEmpty().first()
        .satisfies(item -> assertThat(((JsonObject) item).getString("jobStatus")).isEqualTo("DEAD")));
    JsonArray items = log(desk, id);
    assertThat(items).hasSize(1);
    assertThat(receiver.all()).hasSize(before);
    JsonObject logged = items.getJsonObject(0);
    assertThat(logged.getInteger("attempt")).isEqualTo(1);
    assertThat(logged.getInteger("statusCode")).isNull();
    return logged;
  }

  private JsonArray log(Desk desk, String orderId) {
    return app.http().get("/api/v1/callbacks?orderId=" + orderId, desk.key()).json().getJsonArray("items");
  }
}

package vn.dossierpost.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** {@code POST /api/v1/admin/webhook-secrets}: a carrier's new signing secret, for admins only. */
class WebhookSecretsTest {

  private final TestApp app = TestApp.shared();
  private final Http http = app.http();
  private final Db db = new Db(app.services().pool());
  private final CarrierPush carrier = new CarrierPush(app);

  @Test
  void anAdminGetsANewSecretShownOnceAndPushesSignedWithItAreAccepted() {
    Http.Response made = http.post("/api/v1/admin/webhook-secrets", app.adminKey(),
        new JsonObject().put("carrier", "VNPOST"));

    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String secret = made.json().getString("secret");
    assertThat(made.json().getString("carrier")).isEqualTo("VNPOST");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(db.count("SELECT count(*) FROM webhook_secrets WHERE carrier = 'VNPOST' AND secret = $1 "
        + "AND revoked_at IS NULL", secret)).isEqualTo(1);
    assertThat(http.get("/api/v1/admin/webhook-secrets", app.adminKey()).status())
        .as("no route reads a secret back").isEqualTo(405);
    String item = strangerItem();
    acceptedWith(secret, item);
    assertThat(events(item)).isEqualTo(1);
  }

  @Test
  void withANewSecretInPlaceAnUnsignedOrWronglySignedPushIsStillRefusedAndStoresNothing() {
    String secret = http.post("/api/v1/admin/webhook-secrets", app.adminKey(),
        new JsonObject().put("carrier", "VNPOST")).json().getString("secret");
    String forgedItem = strangerItem();
    String unsignedItem = strangerItem();
    String forgedId = "msg_forged_" + UUID.randomUUID();

    Http.Response forged = carrier.push(CarrierPush.record(forgedItem, 6, OffsetDateTime.now()), forgedId,
        System.currentTimeMillis() / 1000, Offices.newSecret());
    Http.Response unsigned = carrier.raw(CarrierPush.record(unsignedItem, 6, OffsetDateTime.now()).toBuffer(),
        Map.of("Content-Type", "application/json"));

    for (Http.Response refused : List.of(forged, unsigned)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
      assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
    }
    // Positive control: a push signed with the new secret, sent after the refused ones, is stored.
    String signedItem = strangerItem();
    acceptedWith(secret, signedItem);
    assertThat(events(signedItem)).isEqualTo(1);
    assertThat(events(forgedItem)).isZero();
    assertThat(events(unsignedItem)).isZero();
    assertThat(db.count("SELECT count(*) FROM event_inbox WHERE message_id = $1", "sw:" + forgedId)
        + db.count("SELECT count(*) FROM webhook_messages WHERE id = $1", "sw:" + forgedId)).isZero();
  }

  @Test
  void onlyAnAdminMayMakeAWebhookSecret() {
    String name = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    JsonObject request = new JsonObject().put("carrier", name);
    Desk desk = new Desk(app, app.newOffice());

    for (String key : List.of(desk.key(), app.courierKey("100000"), app.carrierKey())) {
      Http.Response refused = http.post("/api/v1/admin/webhook-secrets", key, request);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
      assertThat(refused.json().getString("secret")).isNull();
    }

    assertThat(db.count("SELECT count(*) FROM webhook_secrets WHERE carrier = $1", name)).isZero();
    // Positive control: the same request from an admin writes the secret.
    assertThat(http.post("/api/v1/admin/webhook-secrets", app.adminKey(), request).status()).isEqualTo(201);
    assertThat(db.count("SELECT count(*) FROM webhook_secrets WHERE carrier = $1", name)).isEqualTo(1);
  }

  /**
   * Pushes a record for {@code item} signed with {@code secret} until it is accepted: an instance
   * that re-read its secrets less than a second ago waits that second before it reads them again.
   * Each try is a new message, and a refused one stores nothing.
   */
  private void acceptedWith(String secret, String item) {
    Eventually.within(Duration.ofSeconds(5), () -> assertThat(carrier.push(
        CarrierPush.record(item, 6, OffsetDateTime.now()), "msg_" + UUID.randomUUID(),
        System.currentTimeMillis() / 1000, secret).status()).isEqualTo(200));
  }

  private long events(String item) {
    return db.count("SELECT count(*) FROM order_events WHERE item_code = $1", item);
  }

  private static String strangerItem() {
    return S10.of("EZ", (long) (Math.random() * 90_000_000), "VN");
  }
}

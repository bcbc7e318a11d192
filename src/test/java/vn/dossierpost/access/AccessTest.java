package vn.dossierpost.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** Keys, roles and scopes: who may call what. */
class AccessTest {

  private final TestApp app = TestApp.shared();
  private final Http http = app.http();

  @Test
  void anAdminCreatesAnOfficeAndADeskKeyThatIsShownOnceAndWorks() {
    String code = String.format("%03d.%02d.%02d.K%02d", (int) (Math.random() * 1000),
        (int) (Math.random() * 100), (int) (Math.random() * 100), (int) (Math.random() * 100));
    Http.Response office = http.post("/api/v1/admin/offices", app.adminKey(), new JsonObject()
        .put("code", code).put("name", "Bộ phận Một cửa phường Hoàn Kiếm")
        .put("address", new JsonObject().put("line", "126 Hàng Trống").put("communeCode", "00070")
            .put("provinceCode", "01"))
        .put("phone", "024 3825 3535")
        .put("callbackUrl", "https://motcua.example.vn/hooks/post"));
    assertThat(office.status()).as(office.toString()).isEqualTo(201);
    assertThat(office.json().getString("callbackSecret")).startsWith("whsec_");

    Http.Response key = http.post("/api/v1/admin/keys", app.adminKey(),
        new JsonObject().put("role", "DESK").put("scope", code).put("label", "quầy 1"));
    assertThat(key.status()).isEqualTo(201);
    String secret = key.json().getString("key");

    assertThat(http.get("/api/v1/orders", secret).status()).isEqualTo(200);
    String listed = http.get("/api/v1/admin/keys", app.adminKey()).text();
    assertThat(listed).contains(key.json().getString("id")).doesNotContain(secret);
  }

  @Test
  void anOfficeWhoseCommuneLiesInAnotherProvinceIsRefusedOnItsCommuneCode() {
    Http.Response office = http.post("/api/v1/admin/offices", app.adminKey(), new JsonObject()
        .put("code", "123.45.67.K89").put("name", "Bộ phận Một cửa phường Nha Trang")
        .put("address", new JsonObject().put("line", "1 Trần Phú").put("communeCode", "22366")
            .put("provinceCode", "01")));

    assertThat(office.status()).isEqualTo(422);
    assertThat(office.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("address.communeCode");
    assertThat(http.get("/api/v1/admin/offices/123.45.67.K89", app.adminKey()).status()).isEqualTo(404);
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    Http.Response key = http.post("/api/v1/admin/keys", app.adminKey(),
        new JsonObject().put("role", "COURIER").put("scope", "100000"));
    String secret = key.json().getString("key");
    Desk desk = new Desk(app, app.newOffice());
    Http.Response deskKey = http.post("/api/v1/admin/keys", app.adminKey(),
        new JsonObject().put("role", "DESK").put("scope", desk.office()));

    Http.Response revoked = http.post("/api/v1/admin/keys/" + deskKey.json().getString("id") + "/revoke",
        app.adminKey(), null);

    assertThat(revoked.status()).isEqualTo(200);
    assertThat(http.get("/api/v1/orders", deskKey.json().getString("key")).status()).isEqualTo(401);
    assertThat(secret).startsWith("dpk_");
  }

  @Test
  void aDeskKeyCannotBeIssuedForAnOfficeThatDoesNotExist() {
    Http.Response response = http.post("/api/v1/admin/keys", app.adminKey(),
        new JsonObject().put("role", "DESK").put("scope", "999.99.99.Z99"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("code"))
        .isEqualTo("unknown_office");
  }

  @Test
  void withoutAKeyTheApiAnswers401WithAChallenge() {
    Http.Response response = http.get("/api/v1/orders", null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void anUnknownKeyIsA401() {
    assertThat(http.get("/api/v1/orders", "dpk_made_up_key").status()).isEqualTo(401);
    assertThat(http.get("/api/v1/orders", "not even the right shape").status()).isEqualTo(401);
  }

  @Test
  void aKeyOfAnotherRoleIsA403() {
    Desk desk = new Desk(app, app.newOffice());
    String courier = app.courierKey("100000");

    assertThat(http.get("/api/v1/orders", courier).status()).isEqualTo(403);
    assertThat(http.get("/api/v1/admin/keys", desk.key()).status()).isEqualTo(403);
    assertThat(http.get("/api/v1/admin/outbox", desk.key()).status()).isEqualTo(403);
  }

  @Test
  void theAdminSeesDeadJobsAndPutsThemBackInLine() {
    var db = new vn.dossierpost.support.Db(app.services().pool());
    long id = db.one("INSERT INTO outbox (kind, payload, status, attempts, last_error) "
        + "VALUES ('nobody.runs.this', '{}', 'DEAD', 12, 'gave up') RETURNING id").getLong(0);

    Http.Response dead = http.get("/api/v1/admin/outbox?status=DEAD", app.adminKey());
    Http.Response retried = http.post("/api/v1/admin/outbox/" + id + "/retry", app.adminKey(), null);
    Http.Response again = http.post("/api/v1/admin/outbox/" + id + "/retry", app.adminKey(), null);

    assertThat(dead.text()).contains("\"id\":" + id);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().getString("status")).isEqualTo("PENDING");
    assertThat(retried.json().getInteger("attempts")).isZero();
    assertThat(again.status()).isEqualTo(409);
    assertThat(http.post("/api/v1/admin/outbox/999999999/retry", app.adminKey(), null).status())
        .isEqualTo(404);
  }
}

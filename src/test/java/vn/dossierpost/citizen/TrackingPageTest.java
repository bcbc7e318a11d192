package vn.dossierpost.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The public tracking page: what it shows, what it never shows, and how it treats strangers. */
class TrackingPageTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private String path(JsonObject order) {
    return path(order, 1);
  }

  private String path(JsonObject order, int generation) {
    return "/t/" + app.services().links().token(UUID.fromString(order.getString("id")), generation);
  }

  private Http.Response page(String path) {
    return app.http().send(HttpMethod.GET, path, null, null, Map.of("Accept", "text/html"));
  }

  private Http.Response json(String path) {
    return app.http().send(HttpMethod.GET, path, null, null, Map.of("Accept", "application/json"));
  }

  private Http.Response secondFactor(String path, String digits) {
    return app.http().send(HttpMethod.POST, path, null, Buffer.buffer("phone4=" + digits),
        Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
  }

  private void push(JsonObject order, int code, OffsetDateTime at, String status) {
    new CarrierPush(app).push(CarrierPush.batch(List.of(CarrierPush.record(order.getString("itemCode"), code, at))));
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo(status));
  }

  @Test
  void thePageSaysWhereTheResultIsAndWhatToDoInVietnameseWithTimesInVietnam() {
    JsonObject order = booked("DELIVERY");
    push(order, 6, OffsetDateTime.parse("2025-11-24T02:30:00Z"), "COLLECTED");
    push(order, 12, OffsetDateTime.parse("2025-11-25T01:00:00Z"), "OUT_FOR_DELIVERY");

    Http.Response response = page(path(order));
    String html = response.text();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/html");
    assertThat(html).contains("<html lang=\"vi\">").contains("Đang phát đến bạn")
        .contains("Vui lòng mang theo căn cước công dân khi nhận")
        .contains(order.getString("dossierCode")).contains(order.getString("itemCode"))
        .contains("09:30 24/11/2025").contains("08:00 25/11/2025")
        .contains("Bưu điện đã nhận kết quả từ cơ quan").contains("Bưu cục trung tâm Hà Nội")
        .contains("Nguyễn V. A.").contains("09xx xxx xxx")
        .doesNotContain("<script");
    assertThat(response.body().length()).isLessThan(30 * 1024);
  }

  @Test
  void noFullNamePhoneOrAddressAppearsAnywhereInTheAnswer() {
    JsonObject order = booked("DELIVERY");

    for (Http.Response response : List.of(page(path(order)), json(path(order)))) {
      assertThat(response.text()).doesNotContain("Nguyễn Văn An").doesNotContain("Văn An")
          .doesNotContain("0912345678").doesNotContain("912345678").doesNotContain("84912345678")
          .doesNotContain("Tràng Tiền").doesNotContain("00070");
    }
  }

  @Test
  void everyAnswerCarriesThePrivacyAndSecurityHeaders() {
    JsonObject order = booked("PICKUP");

    for (Http.Response r : List.of(page(path(order)), page("/t/" + "x".repeat(27)), json(path(order)))) {
      assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(r.header("X-Robots-Tag")).contains("noindex");
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'")
          .contains("style-src 'sha256-").contains("form-action 'self'").contains("frame-ancestors 'none'")
          .doesNotContain("unsafe-inline").doesNotContain("script-src");
    }
  }

  @Test
  void theJsonVariantCarriesTheSameFacts() {
    JsonObject order = booked("PICKUP");

    JsonObject json = json(path(order)).json();

    assertThat(json.getString("status")).isEqualTo("BOOKED");
    assertThat(json.getString("leg")).isEqualTo("PICKUP");
    assertThat(json.getString("dossierCode")).isEqualTo(order.getString("dossierCode"));
    assertThat(json.getString("headline")).isEqualTo("Đã đặt lịch thu gom hồ sơ");
    assertThat(json.getString("nextStep")).startsWith("Nhân viên bưu điện sẽ đến nhận hồ sơ từ ngày ");
    assertThat(json.getJsonObject("citizen").getString("name")).isEqualTo("Nguyễn V. A.");
    assertThat(json.containsKey("detail")).isFalse();
  }

  @Test
  void unknownMalformedExpiredAndRevokedLinksAllGetTheSame404() {
    JsonObject expired = booked("DELIVERY");
    db.exec("UPDATE tracking_tokens SET expires_at = now() - interval '1 minute' WHERE order_id = $1::uuid",
        expired.getString("id"));
    JsonObject revoked = booked("DELIVERY");
    String revokedPath = path(revoked);
    assertThat(app.http().send(HttpMethod.PUT, "/api/v1/orders/" + revoked.getString("id") + "/citizen-phone",
        desk.key(), new JsonObject().put("phone", "0987654321").toBuffer(),
        Map.of("Content-Type", "application/json")).status()).isEqualTo(200);

    List<Http.Response> answers = List.of(page("/t/" + "Q".repeat(27)), page("/t/short"),
        page("/t/" + "%3Cscript%3E"), page(path(expired)), page(revokedPath));

    Http.Response first = answers.get(0);
    assertThat(first.status()).isEqualTo(404);
    assertThat(first.text()).contains("Không tìm thấy thông tin tra cứu");
    for (Http.Response other : answers) {
      assertThat(other.status()).isEqualTo(404);
      assertThat(other.body()).isEqualTo(first.body());
      assertThat(other.header("Content-Type")).isEqualTo(first.header("Content-Type"));
    }
    Http.Response jsonMissing = json(path(expired));
    assertThat(jsonMissing.status()).isEqualTo(404);
    assertThat(jsonMissing.body()).isEqualTo(json("/t/" + "Q".repeat(27)).body());
  }

  @Test
  void aFinalStatusStartsTheLinksThirtyDayClock() {
    JsonObject order = booked("DELIVERY");
    push(order, 14, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5), "DELIVERED");

    var row = db.one("SELECT expires_at > now() + interval '29 days', expires_at < now() + interval '31 days' "
        + "FROM tracking_tokens WHERE order_id = $1::uuid", order.getString("id"));

    assertThat(row.getBoolean(0)).isTrue();
    assertThat(row.getBoolean(1)).isTrue();
    assertThat(page(path(order)).text()).contains("Đã phát thành công");
  }

  @Test
  void correctingThePhoneRevokesTheOldLinkAndSendsTheNewOneToTheNewNumber() {
    JsonObject order = booked("PICKUP");
    String old = path(order);

    Http.Response corrected = app.http().send(HttpMethod.PUT,
        "/api/v1/orders/" + order.getString("id") + "/citizen-phone", desk.key(),
        new JsonObject().put("phone", "0987 654 321").toBuffer(), Map.of("Content-Type", "application/json"));

    assertThat(corrected.status()).isEqualTo(200);
    assertThat(corrected.json().getString("phone")).isEqualTo("09xx xxx xxx");
    assertThat(page(old).status()).isEqualTo(404);
    assertThat(page(path(order, 2)).status()).isEqualTo(200);
    assertThat(corrected.json().getString("trackingUrl")).endsWith(path(order, 2));
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
        "SELECT count(*) FROM sms_messages WHERE order_id = $1::uuid AND phone = '+84987654321' "
            + "AND status = 'SENT' AND body LIKE '%' || $2", order.getString("id"), path(order, 2))).isEqualTo(1));
  }

  @Test
  void anotherOfficeCannotCorrectThePhoneAndBadNumbersAreRefusedByField() {
    JsonObject order = booked("PICKUP");
    Desk other = new Desk(app, app.newOffice());
    String url = "/api/v1/orders/" + order.getString("id") + "/citizen-phone";

    Http.Response foreign = app.http().send(HttpMethod.PUT, url, other.key(),
        new JsonObject().put("phone", "0987654321").toBuffer(), Map.of("Content-Type", "application/json"));
    Http.Response bad = app.http().send(HttpMethod.PUT, url, desk.key(),
        new JsonObject().put("phone", "12345").put("name", "x").toBuffer(), Map.of("Content-Type", "application/json"));

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.text()).contains("\"phone\"").contains("\"name\"");
    assertThat(page(path(order)).status()).isEqualTo(200);
  }

  @Test
  void theLastFourDigitsOfThePhoneShowMoreAndFiveWrongTriesLockTheLink() {
    JsonObject order = booked("DELIVERY");
    String path = path(order);

    Http.Response wrong = secondFactor(path, "0000");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.text()).contains("Số không đúng. Bạn còn 4 lần thử.").doesNotContain("Phí phải thu");

    Http.Response right = secondFactor(path, "5678");
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.text()).contains("Phí phải thu").contains("50.000 đ").contains("Mã thủ tục")
        .contains("1.001234").doesNotContain("0912345678").doesNotContain("Tràng Tiền");

    for (int i = 0; i < 5; i++) {
      secondFactor(path, "1111");
    }
    Http.Response locked = secondFactor(path, "5678");
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.header("Retry-After")).isNotNull();
    assertThat(locked.text()).contains("Đã nhập sai quá nhiều lần").doesNotContain("Phí phải thu");
    assertThat(page(path).status()).as("the page itself stays readable").isEqualTo(200);
    assertThat(secondFactor(path, "12a4").status()).isIn(400, 429);
  }

  @Test
  void eachClientAddressHasABudgetAndThenGets429WithRetryAfter() {
    try (TestApp own = TestApp.start(Map.of("DP_TRACKING_RATE_PER_MINUTE", "30"))) {
      List<Http.Response> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(own.http().send(HttpMethod.GET, "/t/" + "Z".repeat(27), null, null, Map.of("Accept", "text/html")));
      }
      int firstRefused = answers.stream().map(Http.Response::status).toList().indexOf(429);
      assertThat(firstRefused).as("the burst of 5 passes, then 429").isGreaterThanOrEqualTo(5);
      assertThat(answers.subList(0, 5)).allSatisfy(r -> assertThat(r.status()).isEqualTo(404));
      Http.Response last = answers.get(firstRefused);
      assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
      assertThat(last.text()).contains("Bạn đã tra cứu quá nhiều lần");
      assertThat(last.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
  }
}

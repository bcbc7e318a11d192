package vn.dossierpost.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * The tracking page's second factor is the phone's last four digits: whatever the page shows
 * without it must leave all 10,000 of them possible, or the five tries per 15 minutes are
 * worth far more than they should be (the old mask showed three of the four: 10 guesses).
 */
class SecondFactorGuessSpaceTest {

  private static final String PHONE = "0912345678";

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());

  private JsonObject booked() {
    String id = desk.booked("DELIVERY").getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private String path(JsonObject order, int generation) {
    return "/t/" + app.services().links().token(UUID.fromString(order.getString("id")), generation);
  }

  private Http.Response get(String path, String accept) {
    return app.http().send(HttpMethod.GET, path, null, null, Map.of("Accept", accept));
  }

  /**
   * How many last-four answers agree with a shown mask: each candidate phone (the real one with
   * its last four digits replaced) survives unless a digit the mask shows contradicts it.
   */
  static int candidatesLeft(String shownMask, String nationalPhone) {
    String mask = shownMask.replace(" ", "");
    int left = 0;
    for (int guess = 0; guess < 10_000; guess++) {
      String candidate = nationalPhone.substring(0, nationalPhone.length() - 4)
          + String.format("%04d", guess);
      if (agrees(mask, candidate)) {
        left++;
      }
    }
    return left;
  }

  private static boolean agrees(String mask, String candidate) {
    if (mask.length() != candidate.length()) {
      return true; // a mask of another shape pins no position
    }
    for (int i = 0; i < mask.length(); i++) {
      char shown = mask.charAt(i);
      if (Character.isDigit(shown) && shown != candidate.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void theCountingRuleWouldHaveCaughtTheOldMaskThatShowedThreeOfTheFourDigits() {
    assertThat(candidatesLeft("09xx xxx 678", PHONE)).isEqualTo(10);
    assertThat(candidatesLeft("09xx xxx xxx", PHONE)).isEqualTo(10_000);
  }

  @Test
  void whatThePageAndItsJsonShowLeavesAllTenThousandLastFourDigitsPossible() {
    JsonObject order = booked();

    String html = get(path(order, 1), "text/html").text();
    String json = get(path(order, 1), "application/json").json().getJsonObject("citizen").getString("phone");
    String shownInHtml = html.substring(html.indexOf("<dt>Điện thoại</dt><dd>") + 23);
    shownInHtml = shownInHtml.substring(0, shownInHtml.indexOf("</dd>"));

    assertThat(shownInHtml).isEqualTo("09xx xxx xxx");
    assertThat(json).isEqualTo("09xx xxx xxx");
    assertThat(candidatesLeft(shownInHtml, PHONE)).isGreaterThanOrEqualTo(10_000);
    assertThat(candidatesLeft(json, PHONE)).isGreaterThanOrEqualTo(10_000);
  }

  @Test
  void aPhoneThatDiffersOnlyInItsLastFourDigitsGivesTheSamePageWordForWord() {
    JsonObject order = booked();
    String before = get(path(order, 1), "text/html").text().replace(path(order, 1), "/t/T");
    String jsonBefore = get(path(order, 1), "application/json").text().replace(path(order, 1), "/t/T");

    Http.Response corrected = app.http().send(HttpMethod.PUT,
        "/api/v1/orders/" + order.getString("id") + "/citizen-phone", desk.key(),
        new JsonObject().put("phone", "0912340000").toBuffer(), Map.of("Content-Type", "application/json"));

    assertThat(corrected.status()).isEqualTo(200);
    assertThat(corrected.json().getString("phone")).isEqualTo("09xx xxx xxx");
    assertThat(get(path(order, 2), "text/html").text().replace(path(order, 2), "/t/T")).isEqualTo(before);
    assertThat(get(path(order, 2), "application/json").text().replace(path(order, 2), "/t/T"))
        .isEqualTo(jsonBefore);
  }
}

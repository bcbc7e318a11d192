package vn.dossierpost.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;

/**
 * The citizen's journey in a real browser (Debian's headless Chromium): the link taken from
 * the SMS the service sent opens the page on a 360 px phone, which shows the status, what to
 * do next and the timeline, holds no personal data, needs no sideways scrolling, and reveals
 * more after the last four digits of the phone. Screenshots are kept under {@code target/screenshots/}.
 */
class TrackingPageBrowserTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  @RegisterExtension
  final Browser browser = new Browser();
  private final ChromeDriver chrome = browser.driver();

  @Test
  void theLinkFromTheSmsOpensAReadablePrivatePageOnAPhone() {
    Desk desk = new Desk(app, app.newOffice());
    String id = desk.booked("DELIVERY").getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    JsonObject order = desk.order(id).json();
    CarrierPush push = new CarrierPush(app);
    // After the booking (which is "now"), and not in the future: a few seconds apart.
    OffsetDateTime t = OffsetDateTime.parse(order.getString("bookedAt")).plusSeconds(1);
    int[] codes = {6, 12, 15};
    String[] statuses = {"COLLECTED", "OUT_FOR_DELIVERY", "DELIVERY_FAILED"};
    for (int i = 0; i < codes.length; i++) {
      JsonObject record = CarrierPush.record(order.getString("itemCode"), codes[i], t.plusSeconds(i));
      if (codes[i] == 15) {
        record.put("Reason", "Người nhận vắng nhà");
      }
      push.push(CarrierPush.batch(List.of(record)));
      String expected = statuses[i];
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(desk.order(id).json().getString("status")).isEqualTo(expected));
    }
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM sms_messages "
        + "WHERE order_id = $1::uuid AND template = 'delivery.failed' AND status = 'SENT'", id)).isEqualTo(1));
    String sms = db.one("SELECT body FROM sms_messages WHERE order_id = $1::uuid AND template = 'delivery.failed'", id)
        .getString(0);
    String link = sms.substring(sms.lastIndexOf(' ') + 1);

    browser.phone();
    chrome.get(link);

    String text = chrome.findElement(By.tagName("body")).getText();
    assertThat(chrome.getTitle()).isEqualTo("Tra cứu hồ sơ " + order.getString("dossierCode"));
    assertThat(text).contains("Phát chưa thành công").contains("Lý do: người nhận vắng nhà")
        .contains("Bưu điện sẽ phát lại vào ngày").contains(order.getString("itemCode"))
        .contains("Nguyễn V. A.").contains("09xx xxx xxx");
    List<WebElement> steps = chrome.findElements(By.cssSelector("ol li"));
    assertThat(steps).hasSize(4);
    assertThat(steps.get(0).getText()).contains("Phát không thành công");
    assertThat(steps.get(3).getText()).contains("Đã đặt dịch vụ bưu chính");
    String source = chrome.getPageSource();
    assertThat(source).doesNotContain("Nguyễn Văn An").doesNotContain("0912345678")
        .doesNotContain("912345678").doesNotContain("Tràng Tiền");
    JavascriptExecutor js = chrome;
    long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
    long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
    assertThat(viewport).isEqualTo(360);
    assertThat(scrollWidth).as("no horizontal scrolling at 360 px").isLessThanOrEqualTo(viewport);
    browser.screenshot("tracking-page-360.png");

    chrome.findElement(By.name("phone4")).sendKeys("5678");
    chrome.findElement(By.cssSelector("form button")).click();
    // The body found may still be the form's, replaced while it is read: then look again.
    Eventually.within(Duration.ofSeconds(10), () -> {
      String body;
      try {
        body = chrome.findElement(By.tagName("body")).getText();
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        throw new AssertionError("the page was being replaced", e);
      }
      assertThat(body).contains("Phí phải thu");
    });
    assertThat(chrome.getPageSource()).doesNotContain("0912345678").doesNotContain("Tràng Tiền");
    browser.screenshot("tracking-page-360-detail.png");
    // A long label (Số lần phát không thành công) must not squeeze the values to a letter a line.
    Number narrowest = (Number) chrome.executeScript("return Math.min(...[...document.querySelectorAll('dd')]"
        + ".map(d => d.getBoundingClientRect().width))");
    assertThat(narrowest.doubleValue()).as("narrowest value column, px").isGreaterThan(120);

    browser.desktop();
    chrome.get(link);
    assertThat(chrome.findElement(By.tagName("h2")).getText()).isEqualTo("Phát chưa thành công");
    browser.screenshot("tracking-page-desktop.png");
  }
}

package vn.dossierpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.TestApp;

/**
 * The courier page on a 360 px phone in headless Chromium: the item's card after each scan, only
 * the actions allowed now with the fields they need (the fee with a delivery too), and a scan the
 * service refuses kept in the "cần xử lý" list with its reason.
 */
class CourierPageTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());
  private final String courierKey = app.courierKey("100000");
  @RegisterExtension
  final Browser browser = new Browser();
  private final ChromeDriver chrome = browser.driver();

  @Test
  void aDeliveryWithAFeeToCollectSucceedsFromTheCourierPage() {
    String id = desk.booked("DELIVERY").getString("id");
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("BOOKED"));
    String item = db.one("SELECT item_code FROM orders WHERE id = $1::uuid", id).getString(0);
    browser.phone();
    browser.signIn(app.baseUrl(), "courier.html", courierKey);

    scans(item);
    browser.screenshot("courier-item-card.png");
    assertThat(browser.el("#card-leg").getText()).isEqualTo("Trả kết quả");
    assertThat(browser.el("#card-recipient").getText()).startsWith("Nguyễn V. A. · 09xx xxx ");
    assertThat(browser.el("#card-actions").getText()).contains("Thu gom không thành công — cần: lý do")
        .doesNotContain("null");
    assertThat(offered()).containsExactly("COLLECTED", "COLLECTION_FAILED");
    send("COLLECTED");
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("COLLECTED"));
    browser.waitFor(() -> assertThat(browser.el("#card-status").getText()).isEqualTo("Bưu điện đã nhận"));
    assertThat(new Select(browser.el("#action")).getFirstSelectedOption().getAttribute("value"))
        .as("the action is reset between scans").isEmpty();
    scans(item);
    send("OUT_FOR_DELIVERY");
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("OUT_FOR_DELIVERY"));

    scans(item);
    assertThat(offered()).containsExactly("ARRIVED_FACILITY", "DELIVERY_FAILED", "HELD_FOR_PICKUP", "DELIVERED");
    assertThat(browser.el("#card-actions").getText())
        .contains("Phát thành công — cần: người nhận, giấy tờ và chữ ký, tiền thu và biên lai");
    new Select(browser.el("#action")).selectByValue("DELIVERED");
    assertThat(browser.el("#fee-fields").isDisplayed()).isTrue();
    assertThat(browser.el("#fee-amount").getAttribute("value")).isEqualTo("50000");
    browser.el("#fee-receipt").sendKeys("BL-2026-0042");
    browser.el("#recipient").sendKeys("Nguyễn Văn An");
    new Select(browser.el("#id-type")).selectByValue("CCCD");
    browser.el("#id-last4").sendKeys("6789");
    WebElement pad = browser.el("#signature");
    new Actions(chrome).moveToElement(pad, -60, 0).clickAndHold().moveByOffset(40, 15).moveByOffset(40, -20)
        .release().perform();
    assertThat(((Number) chrome.executeScript("return document.documentElement.scrollWidth")).intValue())
        .as("nothing wider than the phone").isLessThanOrEqualTo(360);
    browser.screenshot("courier-delivery-with-fee.png");
    browser.el("#send").click();

    browser.waitFor(() -> assertThat(status(id)).isEqualTo("DELIVERED"));
    assertThat(db.one("SELECT fee_collected, receipt_number FROM order_events WHERE order_id = $1::uuid "
        + "AND code = 'DELIVERED'", id).getLong(0)).isEqualTo(50_000L);
    browser.waitFor(() -> assertThat(browser.el("#card-status").getText()).isEqualTo("Đã giao"));
    assertThat(browser.el("#attention").isDisplayed()).isFalse();
  }

  @Test
  void aScanTheServiceRefusesStaysInTheListToHandleWithItsReason() {
    String id = desk.booked("DELIVERY").getString("id");
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("BOOKED"));
    String item = db.one("SELECT item_code FROM orders WHERE id = $1::uuid", id).getString(0);
    browser.phone();
    browser.signIn(app.baseUrl(), "courier.html", courierKey);
    browser.waitFor(() -> assertThat(browser.el("#pending").getText()).isEqualTo("Đã gửi hết"));

    // offline nothing is known of the item: every action is offered, the service decides later
    browser.offline(true);
    browser.el("#code").sendKeys(item);
    new Select(browser.el("#action")).selectByValue("OUT_FOR_DELIVERY");
    browser.el("#send").click();
    browser.offline(false);

    browser.waitFor(() -> assertThat(browser.el("#attention-list").getText())
        .contains(item).contains("Không thể «Đi phát» khi bưu gửi đã đặt bưu điện")
        .contains("Được phép: Đã nhận (thu gom / nhận từ bộ phận một cửa), Thu gom không thành công"));
    browser.screenshot("courier-needs-attention.png");
    assertThat(status(id)).isEqualTo("BOOKED");
    chrome.navigate().refresh();
    browser.waitFor(() -> assertThat(browser.el("#attention-list").getText()).contains(item));

    browser.el("#attention-list button").click();
    assertThat(browser.el("#code").getAttribute("value")).isEqualTo(item);
    browser.waitFor(() -> assertThat(offered()).containsExactly("COLLECTED", "COLLECTION_FAILED"));
    assertThat(browser.el("#attention").isDisplayed()).isFalse();
  }

  private void scans(String item) {
    WebElement code = browser.el("#code");
    code.clear();
    code.sendKeys(item);
    browser.waitFor(() -> assertThat(browser.el("#card h2").getText()).contains(item));
    browser.waitFor(() -> assertThat(browser.el("#card-fee").getText()).isEqualTo("50.000 đ"));
    assertThat(browser.el("#card-fee-collection").getText()).isIn("Khi nhận hồ sơ của công dân", "Khi phát (thu hộ)");
  }

  private void send(String action) {
    new Select(browser.el("#action")).selectByValue(action);
    browser.el("#send").click();
  }

  private List<String> offered() {
    return new Select(browser.el("#action")).getOptions().stream().map(o -> o.getAttribute("value"))
        .filter(v -> !v.isEmpty()).toList();
  }

  private String status(String id) {
    return db.one("SELECT status FROM orders WHERE id = $1::uuid", id).getString(0);
  }
}

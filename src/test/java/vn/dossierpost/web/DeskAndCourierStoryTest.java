package vn.dossierpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Decoders;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * The desk and courier pages in headless Chromium, as stories: a desk officer books a result
 * delivery, prints its label and hands it over on a manifest; a courier accepts the manifest
 * with one scan, goes out, fails once, delivers with proof; the desk and the citizen see it
 * delivered. And a courier whose network drops keeps scanning: the scans wait in the browser
 * and are recorded once each when it comes back.
 */
class DeskAndCourierStoryTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final TestApp.OfficeKeys office = app.newOffice();
  private final String courierKey = app.courierKey("100000");
  @RegisterExtension
  final Browser browser = new Browser();
  private final ChromeDriver chrome = browser.driver();

  /** The bytes behind the page's "open the PDF" link (a blob: URL made from the API's answer). */
  private byte[] lastPdf() {
    browser.waitFor(() -> assertThat(browser.el("#last-pdf").getAttribute("href")).startsWith("blob:"));
    String base64 = (String) chrome.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(document.getElementById('last-pdf').href).then(r => r.arrayBuffer()).then(b => {
          let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); done(btoa(s)); })
          .catch(e => done('error: ' + e));
        """);
    assertThat(base64).doesNotStartWith("error");
    return Base64.getDecoder().decode(base64);
  }

  private void scan(String code, String action) {
    WebElement input = browser.el("#code");
    input.clear();
    input.sendKeys(code);
    new Select(browser.el("#action")).selectByValue(action);
  }

  private String deskBooksADelivery() {
    browser.signIn(app.baseUrl(), "desk.html", office.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.screenshot("desk-orders.png");
    browser.el("a[href='#/new']").click();
    String dossier = Samples.dossierCode(office.office());
    browser.type("#o-dossierCode", dossier, "#o-procedureCode", "1.001234",
        "#o-citizen-name", "Lê Thị Hồng Nhung", "#o-citizen-phone", "0123 456 789",
        "#o-citizen-address-line", "Số 5 Lê Lợi", "#o-contents", "Giấy phép xây dựng");
    // The pickers: a province, then a few letters without accents; the list offers the commune.
    browser.waitFor(() -> new Select(browser.el("#o-citizen-address-provinceCode")).selectByValue("01"));
    browser.el("#o-communeSearch").sendKeys("hoan kiem");
    browser.waitFor(() -> assertThat(browser.el("#o-commune-list option").getAttribute("value"))
        .isEqualTo("Phường Hoàn Kiếm (00070)"));
    browser.el("#o-communeSearch").clear();
    browser.el("#o-communeSearch").sendKeys("Phường Hoàn Kiếm (00070)");
    browser.waitFor(() -> assertThat(browser.el("#o-citizen-address-communeCode").getAttribute("value"))
        .isEqualTo("00070"));
    browser.el("#new-order button[type=submit]").click();
    browser.waitFor(() -> assertThat(browser.el("[data-field='citizen.phone'] .err").getText())
        .contains("Không phải số điện thoại Việt Nam hợp lệ"));
    browser.screenshot("desk-new-order-errors.png");
    browser.el("#o-citizen-phone").clear();
    browser.el("#o-citizen-phone").sendKeys("0987 111 222");
    browser.el("#new-order button[type=submit]").click();
    browser.waitFor(() -> assertThat(chrome.getCurrentUrl()).contains("#/order/"));
    String id = chrome.getCurrentUrl().substring(chrome.getCurrentUrl().indexOf("#/order/") + 8);
    browser.waitFor(() -> {
      chrome.navigate().refresh();
      assertThat(browser.el("#item-code").getText()).matches("[A-Z]{2}\\d{9}VN");
    });
    assertThat(browser.el("#order-address").getText())
        .isEqualTo("Số 5 Lê Lợi, Phường Hoàn Kiếm, Thành phố Hà Nội");
    return id;
  }

  @Test
  void aResultGoesFromTheDeskThroughTheCourierToTheCitizen() {
    String id = deskBooksADelivery();
    String itemCode = browser.el("#item-code").getText();
    browser.screenshot("desk-order-booked.png");

    String main = chrome.getWindowHandle();
    browser.el("#print-label").click();
    byte[] pdf = lastPdf();
    chrome.getWindowHandles().stream().filter(w -> !w.equals(main)).forEach(w -> chrome.switchTo().window(w).close());
    chrome.switchTo().window(main);
    List<String> decoded = new ArrayList<>();
    for (Path page : Decoders.rasterise(pdf, 300)) {
      decoded.addAll(Decoders.zbar(page));
    }
    assertThat(decoded).contains("CODE-128:" + itemCode);

    chrome.get(app.baseUrl() + "/app/desk.html#/orders?q=" + itemCode);
    browser.waitFor(() -> assertThat(chrome.findElements(By.cssSelector("#orders tbody tr"))).hasSize(1));
    browser.el("#orders tbody input[type=checkbox]").click();
    browser.el("#manifest-selected").click();
    chrome.switchTo().alert().sendKeys("Trần Văn Bưu");
    chrome.switchTo().alert().accept();
    browser.waitFor(() -> assertThat(browser.el("#manifest-code").getText()).matches("MF[0-9A-Z]{10}"));
    String manifest = browser.el("#manifest-code").getText();
    browser.screenshot("desk-manifest.png");

    chrome.get(app.baseUrl() + "/app/courier.html");
    browser.phone();
    browser.signIn(app.baseUrl(), "courier.html", courierKey);
    browser.el("#code").sendKeys(manifest + Keys.ENTER);
    browser.waitFor(() -> assertThat(browser.el("#results").getText()).contains(manifest).contains("đã ghi nhận"));
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("COLLECTED"));

    char check = itemCode.charAt(10);
    browser.el("#code").clear();
    browser.el("#code").sendKeys(itemCode.substring(0, 10) + (char) ('0' + (check - '0' + 1) % 10) + itemCode.substring(11));
    assertThat(browser.el("#code-check").getText()).isEqualTo("Số kiểm tra không đúng: có thể gõ hoặc quét nhầm.");
    scan(itemCode, "OUT_FOR_DELIVERY");
    assertThat(browser.el("#code-check").getText()).isEqualTo("Mã bưu gửi hợp lệ.");
    browser.el("#send").click();
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("OUT_FOR_DELIVERY"));

    scan(itemCode, "DELIVERY_FAILED");
    new Select(browser.el("#reason")).selectByValue("RECIPIENT_ABSENT");
    browser.screenshot("courier-failed-attempt.png");
    browser.el("#send").click();
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("DELIVERY_FAILED"));

    scan(itemCode, "DELIVERED");
    browser.el("#recipient").sendKeys("Lê Thị Hồng Nhung");
    new Select(browser.el("#id-type")).selectByValue("CCCD");
    browser.el("#id-last4").sendKeys("6789");
    WebElement pad = browser.el("#signature");
    new Actions(chrome).moveToElement(pad, -60, 0).clickAndHold().moveByOffset(40, 15).moveByOffset(40, -20)
        .moveByOffset(30, 10).release().perform();
    browser.screenshot("courier-delivery-proof.png");
    browser.el("#send").click();
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("DELIVERED"));
    assertThat(db.one("SELECT proof->>'signatureRef' FROM order_events WHERE order_id = $1::uuid AND code = 'DELIVERED'", id)
        .getString(0)).matches("sig-sha256:[0-9a-f]{64}");
    browser.waitFor(() -> assertThat(browser.el("#pending").getText()).isEqualTo("Đã gửi hết"));

    browser.desktop();
    chrome.get(app.baseUrl() + "/app/desk.html#/order/" + id);
    browser.waitFor(() -> assertThat(browser.el(".badge").getText()).isEqualTo("Đã giao"));
    assertThat(browser.el("#timeline").getText()).contains("Phát không thành công").contains("Đã giao");
    browser.screenshot("desk-order-delivered.png");

    String token = app.services().links().token(UUID.fromString(id), 1);
    chrome.get(app.baseUrl() + "/t/" + token);
    assertThat(browser.el("h2").getText()).isEqualTo("Đã phát thành công");
    browser.screenshot("citizen-delivered.png");
  }

  @Test
  void scansMadeOfflineWaitInTheBrowserAndAreRecordedOnceWhenTheNetworkReturns() {
    String id = bookedDelivery();
    String itemCode = db.one("SELECT item_code FROM orders WHERE id = $1::uuid", id).getString(0);
    chrome.get(app.baseUrl() + "/app/courier.html");
    browser.signIn(app.baseUrl(), "courier.html", courierKey);
    browser.waitFor(() -> assertThat(browser.el("#pending").getText()).isEqualTo("Đã gửi hết"));

    browser.offline(true);
    browser.el("#code").sendKeys("");
    scan(itemCode, "COLLECTED");
    browser.el("#send").click();
    scan(itemCode, "OUT_FOR_DELIVERY");
    browser.el("#send").click();
    browser.waitFor(() -> assertThat(browser.el("#pending").getText()).isEqualTo("Đang chờ gửi: 2"));
    browser.screenshot("courier-offline-queue.png");
    assertThat(status(id)).isEqualTo("BOOKED");

    browser.offline(false);
    browser.waitFor(() -> assertThat(browser.el("#pending").getText()).isEqualTo("Đã gửi hết"));
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("OUT_FOR_DELIVERY"));
    assertThat(db.count("SELECT count(*) FROM order_events WHERE order_id = $1::uuid AND source = 'SCAN'", id))
        .isEqualTo(2);
  }

  private String bookedDelivery() {
    vn.dossierpost.support.Desk desk = new vn.dossierpost.support.Desk(app, office);
    String id = desk.booked("DELIVERY").getString("id");
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("BOOKED"));
    return id;
  }

  private String status(String id) {
    return db.one("SELECT status FROM orders WHERE id = $1::uuid", id).getString(0);
  }
}

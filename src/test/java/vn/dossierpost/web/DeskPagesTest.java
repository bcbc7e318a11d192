package vn.dossierpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * More of the desk in the browser: a PICKUP leg collected by the courier and received at the
 * desk with a discrepancy; a CSV file imported with a progress bar and a per-row report, then
 * imported again without duplicates; the report page's chart.
 */
class DeskPagesTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final TestApp.OfficeKeys office = app.newOffice();
  @RegisterExtension
  final Browser browser = new Browser();
  private final ChromeDriver chrome = browser.driver();

  @Test
  void aCollectedDossierThatDoesNotMatchTheCouriersListIsRecordedAsADiscrepancy() {
    browser.signIn(app.baseUrl(), "desk.html", office.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.el("a[href='#/new']").click();
    new Select(browser.el("#o-leg")).selectByValue("PICKUP");
    browser.type("#o-dossierCode", Samples.dossierCode(office.office()), "#o-procedureCode", "2.000123",
        "#o-citizen-name", "Phạm Minh Đức", "#o-citizen-phone", "0905123456",
        "#o-citizen-address-line", "Thôn Phú Lộc", "#o-citizen-address-communeCode", "20194",
        "#o-contents", "Hồ sơ đăng ký hộ kinh doanh");
    browser.waitFor(() -> new Select(browser.el("#o-citizen-address-provinceCode")).selectByValue("48"));
    browser.el("#new-order button[type=submit]").click();
    browser.waitFor(() -> assertThat(chrome.getCurrentUrl()).contains("#/order/"));
    String id = chrome.getCurrentUrl().substring(chrome.getCurrentUrl().indexOf("#/order/") + 8);
    browser.waitFor(() -> assertThat(db.one("SELECT item_code FROM orders WHERE id = $1::uuid", id).getString(0)).isNotNull());
    String item = db.one("SELECT item_code FROM orders WHERE id = $1::uuid", id).getString(0);

    browser.signIn(app.baseUrl(), "courier.html", app.courierKey("480000"));
    browser.el("#code").sendKeys(item);
    new Select(browser.el("#action")).selectByValue("COLLECTED");
    browser.el("#doc-name").sendKeys("Giấy đề nghị đăng ký hộ kinh doanh");
    browser.el("#seal").sendKeys("NP-004512");
    browser.el("#send").click();
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("COLLECTED"));

    chrome.get(app.baseUrl() + "/app/desk.html#/order/" + id);
    browser.waitFor(() -> assertThat(browser.el("#receive")).isNotNull());
    browser.el("#receive [name=doc-name]").sendKeys("Giấy đề nghị đăng ký hộ kinh doanh");
    browser.el("#receive button.secondary").click();
    List<WebElement> names = chrome.findElements(By.cssSelector("#receive [name=doc-name]"));
    names.get(1).sendKeys("Bản sao căn cước công dân");
    new Select(chrome.findElements(By.cssSelector("#receive [name=doc-kind]")).get(1)).selectByValue("COPY");
    browser.el("#appointment").sendKeys("15122025");
    browser.screenshot("desk-receive.png");
    browser.el("#receive button[type=submit]").click();
    browser.waitFor(() -> assertThat(browser.el("#receive").getText()).contains("Đã ghi nhận sai lệch"));

    assertThat(status(id)).isEqualTo("COLLECTED");
    assertThat(db.one("SELECT 'FOLLOW_UP' = ANY(flags) FROM orders WHERE id = $1::uuid", id).getBoolean(0)).isTrue();
  }

  @Test
  void aCsvFileIsImportedWithProgressAndAPerRowReportAndASecondImportAddsNothing() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("dossierCode,procedureCode,citizenName,citizenPhone,addressLine,communeCode,provinceCode,contents,feeToCollect,notifySms");
    for (int i = 0; i < 120; i++) {
      String phone = i % 30 == 3 ? "999" : "0913" + String.format("%06d", i);
      lines.add(office.office() + "-251124-" + String.format("%04d", 100 + i) + ",1.001234,\"Hoàng Văn Thái " + (char) ('A' + i % 26)
          + "\"," + phone + ",\"Số " + i + ", đường Trần Hưng Đạo\",00070,01,Kết quả thủ tục,0,có");
    }
    Path file = Files.createTempFile("orders", ".csv");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    browser.signIn(app.baseUrl(), "desk.html", office.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.el("a[href='#/import']").click();
    browser.el("#csv").sendKeys(file.toString());
    browser.el("#import button[type=submit]").click();
    Eventually.within(Duration.ofSeconds(90), () -> assertThat(browser.el("#summary").getText()).startsWith("Xong:"));

    assertThat(browser.el("#summary").getText()).isEqualTo("Xong: 116 đơn mới, 0 đơn đã có từ trước, 4 dòng lỗi.");
    assertThat(browser.el("#progress").getAttribute("value")).isEqualTo("120");
    List<WebElement> errors = chrome.findElements(By.cssSelector("#import-errors tbody tr"));
    assertThat(errors).hasSize(4);
    assertThat(errors.get(0).getText()).startsWith("5 citizenPhone");
    browser.screenshot("desk-import.png");

    browser.el("#import button[type=submit]").click();
    Eventually.within(Duration.ofSeconds(90), () ->
        assertThat(browser.el("#summary").getText()).isEqualTo("Xong: 0 đơn mới, 116 đơn đã có từ trước, 4 dòng lỗi."));
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", office.office())).isEqualTo(116);
  }

  @Test
  void theReportShowsTodayAndThirtyDaysAsAChart() {
    new vn.dossierpost.support.Desk(app, office).booked("DELIVERY");
    // A pickup collected short, with the courier's reason: the ledger names it and who took it.
    String pickup = new vn.dossierpost.support.Desk(app, office).booked("PICKUP").getString("id");
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
        "SELECT count(*) FROM orders WHERE id = $1::uuid AND status = 'BOOKED'", pickup)).isEqualTo(1));
    String item = db.one("SELECT item_code FROM orders WHERE id = $1::uuid", pickup).getString(0);
    io.vertx.core.json.JsonObject shortScan = vn.dossierpost.support.Courier.pickup(item, 40_000);
    shortScan.getJsonObject("fee").put("reason", "Công dân được miễn một phần lệ phí");
    assertThat(new vn.dossierpost.support.Courier(app, "650000").scans(shortScan).status()).isEqualTo(200);
    browser.signIn(app.baseUrl(), "desk.html", office.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.el("a[href='#/report']").click();
    browser.waitFor(() -> assertThat(chrome.findElements(By.cssSelector("#chart rect"))).hasSize(150));
    assertThat(browser.el("#today").getText()).contains("Đã đặt");
    assertThat(browser.el("#by-status").getText()).contains("Đã đặt bưu điện");
    browser.waitFor(() -> assertThat(browser.el("#fees-totals").getText()).contains("Phải thu", "Còn phải nộp"));
    assertThat(browser.el("#fees-csv").getText()).contains("CSV");
    assertThat(browser.el("#fees-discrepancies").getText()).contains(item, "50.000", "40.000",
        "Công dân được miễn một phần lệ phí");
    assertThat(browser.el("#fees-collectors").getText()).contains("650000", "Phạm Văn Bình");
    browser.phone();
    long scroll = ((Number) chrome.executeScript("return document.documentElement.scrollWidth")).longValue();
    assertThat(scroll).as("no sideways scrolling at 360 px").isLessThanOrEqualTo(360);
    browser.screenshot("desk-report-360.png");
  }

  private String status(String id) {
    return db.one("SELECT status FROM orders WHERE id = $1::uuid", id).getString(0);
  }
}

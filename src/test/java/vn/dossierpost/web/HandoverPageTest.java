package vn.dossierpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * The post office makes a handover record on the courier page; the desk officer receives it on
 * the desk page: one scan of its code (a scanner types it and presses Enter), one dossier
 * corrected, one confirmation.
 */
class HandoverPageTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "480000");
  @RegisterExtension
  final Browser browser = new Browser();

  @Test
  void theDeskReceivesTheWholeRecordWithOneScanAndOneCorrection() {
    List<JsonObject> collected = List.of(collected(), collected());

    // The courier, on the phone page, puts what the unit holds for this office on one record.
    browser.signIn(app.baseUrl(), "courier.html", courier.key());
    browser.waitFor(() -> assertThat(browser.el("#handover-office")).isNotNull());
    browser.type("#handover-office", desk.office(), "#handover-courier", "Trần Thị Lan");
    browser.el("#handover-make button[type=submit]").click();
    browser.waitFor(() -> assertThat(browser.el("#handover-code").getText()).matches("BG[0-9A-Z]{10}"));
    assertThat(browser.el("#handover-result").getText()).contains("2 hồ sơ");
    browser.waitFor(() -> assertThat(browser.el("#handover-pdf").getAttribute("href")).startsWith("blob:"));
    String code = browser.el("#handover-code").getText();

    browser.signIn(app.baseUrl(), "desk.html", desk.key());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.el("a[href='#/handover']").click();
    browser.waitFor(() -> assertThat(browser.el("#handover-code")).isNotNull());
    browser.el("#handover-code").sendKeys(code.toLowerCase(), Keys.ENTER);
    String short1 = collected.get(1).getString("itemCode");
    browser.waitFor(() -> assertThat(browser.el("[data-item='" + short1 + "']").getText())
        .contains(collected.get(1).getString("dossierCode")).contains("Bản sao CCCD"));
    WebElement copies = browser.el("[data-item='" + short1 + "'] [data-doc='1']");
    copies.clear();
    copies.sendKeys("1");
    browser.screenshot("desk-handover-tally.png");
    browser.el("#handover-receive").click();

    browser.waitFor(() -> assertThat(browser.el("#handover-receive-form").getText())
        .contains("1 hồ sơ chưa khớp").contains("Thiếu 1"));
    browser.screenshot("desk-handover-received.png");
    assertThat(desk.order(collected.get(0).getString("id")).json().getString("status")).isEqualTo("DELIVERED");
    JsonObject flagged = desk.order(collected.get(1).getString("id")).json();
    assertThat(flagged.getString("status")).isEqualTo("COLLECTED");
    assertThat(flagged.getJsonArray("flags")).contains("FOLLOW_UP");
    assertThat(browser.el("#handover-print").getText()).isEqualTo("In biên bản giao nhận");
  }

  private JsonObject collected() {
    String id = desk.booked("PICKUP").getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    JsonObject order = desk.order(id).json();
    Http.Response scan = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    return order;
  }
}

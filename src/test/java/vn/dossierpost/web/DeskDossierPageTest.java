package vn.dossierpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * The desk officer's journey with a dossier on the desk page (issue 25): a BOTH dossier made
 * from the office's catalogue, collected by the courier, received, processed, its result ready
 * (the DELIVERY leg booked, its label offered), delivered and closed; a step made stale by
 * someone else says why; the pages fit a 360 px phone.
 */
class DeskDossierPageTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys keys = app.newOffice();
  private final Dossiers dossiers = new Dossiers(app, keys);
  private final Courier courier = new Courier(app, "650000");
  @RegisterExtension
  final Browser browser = new Browser();

  @Test
  void aDossierPastItsAppointmentIsMarkedLateInTheListAndOnItsPage() {
    String id = dossiers.created("RESULT_BY_POST").getString("id");
    new vn.dossierpost.support.Db(app.services().pool()).exec(
        "UPDATE dossiers SET appointment_date = current_date - 2 WHERE id = $1::uuid", id);
    browser.signIn(app.baseUrl(), "desk.html", keys.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());

    browser.el("a[href='#/dossiers']").click();
    browser.waitFor(() -> assertThat(browser.el("#dossiers tr[data-id='" + id + "']").getText())
        .contains("Quá hạn"));
    browser.el("#dossiers tr[data-id='" + id + "'] a").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-overdue").getText())
        .isEqualTo("Quá hạn trả kết quả"));
  }

  @Test
  void aDeskOfficerWalksABothDossierFromCreationToClosing() {
    catalogue("1.001234", "Đăng ký hộ kinh doanh", true, true);
    catalogue("1.000111", "Cấp giấy phép chỉ nộp trực tiếp", false, true);
    browser.signIn(app.baseUrl(), "desk.html", keys.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.el("a[href='#/dossier-new']").click();
    browser.waitFor(() -> assertThat(browser.el("#new-dossier")).isNotNull());

    // a procedure that takes no dossier by post: only the result may go by post
    Select procedure = new Select(browser.el("#d-procedureCode"));
    procedure.selectByValue("1.000111");
    Select mode = new Select(browser.el("#d-mode"));
    assertThat(option(mode, "SUBMIT_BY_POST").isEnabled()).isFalse();
    assertThat(option(mode, "BOTH").isEnabled()).isFalse();
    assertThat(mode.getFirstSelectedOption().getAttribute("value")).isEqualTo("RESULT_BY_POST");
    assertThat(browser.el("#d-mode-why").getText()).contains("không nhận hồ sơ qua bưu chính");
    assertThat(browser.el("#d-collectionAddress").isDisplayed()).isFalse();

    procedure.selectByValue("1.001234");
    mode.selectByValue("BOTH");
    assertThat(browser.el("#d-feeToCollect").getAttribute("value")).isEqualTo("50000");
    String code = Samples.dossierCode(keys.office());
    browser.type("#d-dossierCode", code, "#d-citizen-name", "Nguyễn Văn An", "#d-citizen-phone", "0912",
        "#d-collectionAddress-line", "12 Tràng Tiền", "#d-collectionAddress-communeCode", "00070",
        "#d-deliveryAddress-line", "5 Lê Lợi", "#d-deliveryAddress-communeCode", "00070");
    new Select(browser.el("#d-collectionAddress-provinceCode")).selectByValue("01");
    new Select(browser.el("#d-deliveryAddress-provinceCode")).selectByValue("01");
    browser.el("#new-dossier button[type=submit]").click();
    browser.waitFor(() -> assertThat(browser.el("[data-field='citizen.phone'] .err").getText()).isNotBlank());
    assertThat(browser.el("#d-citizen-phone").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(dossiers.list("").json().getJsonArray("items")).isEmpty();
    browser.screenshot("desk-dossier-new-error.png");

    browser.el("#d-citizen-phone").sendKeys("345678");
    browser.el("#new-dossier button[type=submit]").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo("Chờ bưu điện thu gom"));
    String url = browser.driver().getCurrentUrl();
    String id = url.substring(url.indexOf("#/dossier/") + "#/dossier/".length());
    assertThat(browser.el("[data-leg=DELIVERY]").getText()).contains("Chờ có kết quả");
    assertThat(stepButtons()).containsExactly("step-cancel");

    // the courier collects the dossier against the catalogue's list
    Eventually.within(WAIT, () -> assertThat(Dossiers.leg(dossiers.dossier(id).json(), "PICKUP")
        .getString("itemCode")).isNotNull());
    String pickupItem = Dossiers.leg(dossiers.dossier(id).json(), "PICKUP").getString("itemCode");
    // the page looks again by itself until the new pickup leg is booked
    browser.waitFor(() -> assertThat(browser.el("[data-leg=PICKUP]").getText()).contains(pickupItem));
    Http.Response scan = courier.scans(Courier.pickup(pickupItem, 50_000));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);

    browser.el("a[href='#/dossiers']").click();
    browser.waitFor(() -> assertThat(browser.el("#dossiers tr[data-id='" + id + "']").getText())
        .contains(code).contains("Đăng ký hộ kinh doanh").contains("Cả hai").contains("Bưu điện đã thu gom"));
    browser.el("#dossiers tr[data-id='" + id + "'] a").click();
    browser.waitFor(() -> assertThat(stepButtons()).containsExactly("step-receive", "step-supplement", "step-cancel"));

    // receive: the tally starts from the catalogue; left empty, the appointment date is the
    // procedure's three working days after today
    browser.el("#step-receive").click();
    List<WebElement> names = browser.driver().findElements(By.cssSelector("#step-receive-form [name=doc-name]"));
    assertThat(names).extracting(e -> e.getAttribute("value"))
        .containsExactly("Tờ khai đăng ký hộ kinh doanh", "Bản sao CCCD");
    browser.screenshot("desk-dossier-receive.png");
    browser.el("#step-confirm").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo("Đã tiếp nhận"));
    assertThat(browser.el("#dossier-appointment").getText()).isEqualTo(
        vn.dossierpost.calendar.WorkingCalendar.load(java.util.Optional.empty())
            .addWorkingDays(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")), 3)
            .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));

    step("process", "Đang giải quyết");
    step("result-ready", "Đã có kết quả");
    browser.waitFor(() -> assertThat(browser.el("#label-DELIVERY").getText()).isEqualTo("In nhãn"));
    browser.el("#label-DELIVERY").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-pdf").getAttribute("href")).startsWith("blob:"));
    browser.screenshot("desk-dossier-result-ready.png");

    String deliveryItem = Dossiers.leg(dossiers.dossier(id).json(), "DELIVERY").getString("itemCode");
    assertThat(courier.scans(Courier.scan(deliveryItem, "COLLECTED")).status()).isEqualTo(200);
    assertThat(courier.scans(Courier.scan(deliveryItem, "OUT_FOR_DELIVERY")).status()).isEqualTo(200);
    assertThat(courier.scans(Courier.delivery(deliveryItem, 0)).status()).isEqualTo(200);
    browser.driver().navigate().refresh();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo("Đã trả kết quả"));
    assertThat(stepButtons()).containsExactly("step-close");
    step("close", "Đã kết thúc");
    assertThat(stepButtons()).isEmpty();
    assertThat(browser.el("#dossier-timeline").getText()).contains("Tiếp nhận").contains("Có kết quả")
        .contains("Đã trả kết quả cho công dân").contains("Kết thúc");
    assertThat(dossiers.dossier(id).json().getString("status")).isEqualTo("CLOSED");
  }

  @Test
  void aStaleStepSaysWhyAndThePagesFitAPhone() {
    JsonObject created = dossiers.created("RESULT_BY_POST");
    String id = created.getString("id");
    browser.signIn(app.baseUrl(), "desk.html", keys.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.driver().get(app.baseUrl() + "/app/desk.html#/dossier/" + id);
    browser.waitFor(() -> assertThat(browser.el("#step-process")).isNotNull());
    browser.el("#step-process").click();
    // another officer moves the dossier first
    assertThat(dossiers.step(id, "process", new JsonObject()).status()).isEqualTo(200);
    browser.el("#step-confirm").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-message").getText())
        .contains("Không thực hiện được").contains("«Đang giải quyết»").contains("Đã có kết quả"));
    assertThat(browser.el("#dossier-status").getText()).isEqualTo("Đang giải quyết");

    browser.phone();
    browser.driver().navigate().refresh();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo("Đang giải quyết"));
    assertNoHorizontalScroll();
    browser.screenshot("desk-dossier-phone-detail.png");
    browser.driver().get(app.baseUrl() + "/app/desk.html#/dossiers");
    browser.waitFor(() -> assertThat(browser.el("#dossiers tr[data-id='" + id + "']").getText())
        .contains(created.getString("dossierCode")));
    assertNoHorizontalScroll();
    browser.screenshot("desk-dossier-phone-list.png");
    browser.el("#dossier-new-link").click();
    browser.waitFor(() -> assertThat(browser.el("#d-deliveryAddress-line")).isNotNull());
    assertNoHorizontalScroll();
  }

  @Test
  void aSupplementNamesItsDocumentsAndACancelIsConfirmedWithAReason() {
    JsonObject created = dossiers.created("RESULT_BY_POST");
    String id = created.getString("id");
    browser.signIn(app.baseUrl(), "desk.html", keys.deskKey());
    browser.waitFor(() -> assertThat(browser.el("#orders")).isNotNull());
    browser.driver().get(app.baseUrl() + "/app/desk.html#/dossier/" + id);
    browser.waitFor(() -> assertThat(stepButtons()).containsExactly("step-process", "step-supplement",
        "step-result-ready", "step-cancel"));

    browser.el("#step-supplement").click();
    browser.el("#step-confirm").click();
    browser.waitFor(() -> assertThat(browser.el("[data-field=documents] .err").getText()).isNotBlank());
    assertThat(browser.el("[data-field=reason] .err").getText()).isNotBlank();
    assertThat(dossiers.dossier(id).json().getString("status")).isEqualTo("RECEIVED");
    browser.type("#d-documents", "Bản sao CCCD\nSổ hộ khẩu", "#d-reason", "Thiếu giấy tờ chứng minh nơi cư trú");
    browser.el("#step-confirm").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo("Chờ bổ sung"));
    assertThat(browser.el("#dossier-supplement").getText()).contains("Bản sao CCCD; Sổ hộ khẩu")
        .contains("Thiếu giấy tờ chứng minh nơi cư trú");
    assertThat(dossiers.dossier(id).json().getJsonObject("supplement").getJsonArray("documents"))
        .containsExactly("Bản sao CCCD", "Sổ hộ khẩu");

    // cancelling asks for a second, explicit confirmation; "Thôi" leaves the dossier as it was
    browser.el("#step-cancel").click();
    browser.el("#step-cancel-form button.secondary").click();
    assertThat(browser.driver().findElements(By.id("step-cancel-form"))).isEmpty();
    assertThat(dossiers.dossier(id).json().getString("status")).isEqualTo("SUPPLEMENT_REQUESTED");
    browser.el("#step-cancel").click();
    assertThat(browser.el("#step-confirm").getText()).isEqualTo("Xác nhận hủy hồ sơ");
    browser.type("#d-reason", "Công dân rút hồ sơ");
    browser.el("#step-confirm").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo("Đã hủy"));
    assertThat(stepButtons()).isEmpty();
    assertThat(browser.el("[data-leg=DELIVERY]").getText()).contains("Đã hủy");
  }

  private void assertNoHorizontalScroll() {
    Object widths = browser.driver().executeScript(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    List<?> w = (List<?>) widths;
    assertThat(((Number) w.get(0)).longValue()).as("page width at 360 px").isLessThanOrEqualTo(((Number) w.get(1)).longValue());
  }

  /** Opens the step's form, confirms it, waits for the status it leads to. */
  private void step(String step, String status) {
    browser.el("#step-" + step).click();
    browser.el("#step-confirm").click();
    browser.waitFor(() -> assertThat(browser.el("#dossier-status").getText()).isEqualTo(status));
  }

  private List<String> stepButtons() {
    return browser.driver().findElements(By.cssSelector("#dossier-steps .row > button")).stream()
        .map(b -> b.getAttribute("id")).toList();
  }

  private static WebElement option(Select select, String value) {
    return select.getOptions().stream().filter(o -> value.equals(o.getAttribute("value"))).findFirst().orElseThrow();
  }

  /** The office's catalogue, as its admin puts it; components as Courier.pickup tallies them. */
  private void catalogue(String code, String name, boolean submission, boolean result) {
    JsonObject body = new JsonObject().put("name", name).put("postalSubmissionAllowed", submission)
        .put("postalReturnAllowed", result).put("fee", 50_000).put("processingDays", 3)
        .put("components", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)));
    Http.Response put = app.http().send(HttpMethod.PUT, "/api/v1/admin/offices/" + keys.office()
        + "/procedures/" + code, app.adminKey(), body.toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(put.status()).as(put.toString()).isEqualTo(201);
  }
}

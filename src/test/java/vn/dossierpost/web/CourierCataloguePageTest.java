package vn.dossierpost.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.dossierpost.support.Browser;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * The courier page with a catalogued procedure: the card lists the components in words, the
 * collect form counts each, and a count short of the catalogue needs the courier's reason; the
 * desk's receipt form starts from the same list.
 */
class CourierCataloguePageTest {

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());
  private final String courierKey = app.courierKey("100000");
  @RegisterExtension
  final Browser browser = new Browser();

  @Test
  void aCourierTalliesTheCatalogueAndTakesADossierShortWithAReason() {
    JsonObject body = new JsonObject().put("name", "Đăng ký hộ kinh doanh").put("postalSubmissionAllowed", true)
        .put("postalReturnAllowed", true).put("fee", 50_000).put("processingDays", 3)
        .put("components", new JsonArray()
            .add(new JsonObject().put("name", "Giấy đề nghị đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao căn cước công dân").put("kind", "COPY").put("count", 2)));
    Http.Response put = app.http().send(HttpMethod.PUT, "/api/v1/admin/offices/" + desk.office()
        + "/procedures/1.001234", app.adminKey(), body.toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(put.status()).as(put.toString()).isEqualTo(201);
    String id = desk.booked("PICKUP").getString("id");
    browser.waitFor(() -> assertThat(status(id)).isEqualTo("BOOKED"));
    String item = db.one("SELECT item_code FROM orders WHERE id = $1::uuid", id).getString(0);
    browser.phone();
    browser.signIn(app.baseUrl(), "courier.html", courierKey);

    WebElement code = browser.el("#code");
    code.sendKeys(item);
    browser.waitFor(() -> assertThat(browser.el("#card-components").getText())
        .contains("Giấy đề nghị đăng ký hộ kinh doanh — Bản chính × 1")
        .contains("Bản sao căn cước công dân — Bản sao × 2"));
    // on a pickup the citizen sends the dossier
    assertThat(browser.el("#card-recipient").findElement(org.openqa.selenium.By.xpath("preceding-sibling::dt[1]"))
        .getText()).isEqualTo("Người gửi");
    new Select(browser.el("#action")).selectByValue("COLLECTED");
    assertThat(browser.el("#tally-1").getAttribute("value")).isEqualTo("2");
    browser.el("#tally-1").clear();
    browser.el("#tally-1").sendKeys("1");
    browser.el("#seal").sendKeys("NP-0012345");
    browser.el("#fee-receipt").sendKeys("BL-2026-0043");
    browser.el("#send").click();
    browser.waitFor(() -> assertThat(browser.driver().getPageSource())
        .contains("Thiếu thành phần so với danh mục: ghi lý do, hoặc nhận đủ."));
    assertThat(status(id)).isEqualTo("BOOKED");

    browser.el("#short-reason").sendKeys("Công dân bổ sung bản sao sau");
    browser.screenshot("courier-catalogue-tally.png");
    browser.el("#send").click();

    browser.waitFor(() -> assertThat(status(id)).isEqualTo("COLLECTED"));
    JsonObject details = (JsonObject) db.one("SELECT details FROM order_events WHERE order_id = $1::uuid "
        + "AND code = 'COLLECTED'", id).getValue(0);
    assertThat(details.getJsonArray("checklist").getJsonObject(1).getInteger("count")).isEqualTo(1);
    assertThat(details.getJsonArray("missingComponents").getJsonObject(0).getString("reason"))
        .isEqualTo("Công dân bổ sung bản sao sau");

    // the desk's re-tally starts from the catalogue's list; one copy short is a discrepancy
    browser.signIn(app.baseUrl(), "desk.html", desk.key());
    browser.driver().get(app.baseUrl() + "/app/desk.html#/order/" + id);
    browser.waitFor(() -> assertThat(browser.el("#receive-catalogue").getText())
        .contains("Bản sao căn cước công dân (bản sao) × 2"));
    List<WebElement> counts = browser.driver().findElements(By.cssSelector("#receive [name=doc-count]"));
    assertThat(counts).hasSize(2);
    counts.get(1).clear();
    counts.get(1).sendKeys("1");
    browser.screenshot("desk-receive-catalogue.png");
    browser.el("#receive button[type=submit]").click();
    browser.waitFor(() -> assertThat(browser.el("#receive").getText()).contains("Đã ghi nhận sai lệch"));
    assertThat(db.one("SELECT 'FOLLOW_UP' = ANY(flags) FROM orders WHERE id = $1::uuid", id).getBoolean(0)).isTrue();
  }

  private String status(String id) {
    return db.one("SELECT status FROM orders WHERE id = $1::uuid", id).getString(0);
  }
}

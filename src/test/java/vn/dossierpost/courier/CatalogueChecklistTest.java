package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/**
 * The courier's pickup checklist and the desk's re-tally compared with the office's catalogue
 * (Circular 17/2017 Art. 5, steps 1–2 and 6) when it lists the order's procedure (1.001234, as
 * the sample orders carry).
 */
class CatalogueChecklistTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "650000");

  @Test
  void aPickupShortOfTheCatalogueIsRefusedNamingTheComponentUnlessTheCourierMarksItMissing() {
    catalogue(3);
    JsonObject order = booked("PICKUP");

    Http.Response refused = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000));
    Http.Response unexplained = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000)
        .put("missing", new JsonArray().add(new JsonObject().put("name", "Giấy ủy quyền").put("kind", "ORIGINAL"))));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("checklist");
    assertThat(error.getString("message")).contains("Bản sao CCCD (bản sao): cần 3, có 2");
    assertThat(unexplained.status()).isEqualTo(422);
    assertThat(unexplained.text()).contains("missing[0].reason");
    assertThat(desk.order(order.getString("id")).json().getString("status")).isEqualTo("BOOKED");

    Http.Response marked = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000)
        .put("missing", new JsonArray().add(new JsonObject().put("name", "bản sao cccd").put("kind", "COPY")
            .put("reason", "Công dân chỉ mang theo hai bản sao"))));

    assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
    JsonArray events = desk.events(order.getString("id")).json().getJsonArray("items");
    JsonObject collected = events.stream().map(JsonObject.class::cast)
        .filter(e -> "COLLECTED".equals(e.getString("code"))).findFirst().orElseThrow();
    assertThat(collected.getJsonObject("details").getJsonArray("missingComponents").getJsonObject(0)
        .getString("reason")).isEqualTo("Công dân chỉ mang theo hai bản sao");
  }

  @Test
  void theDeskReTallyNamesAComponentShortOfTheCatalogueEvenWhenItMatchesThePickupList() {
    catalogue(3);
    JsonObject order = booked("PICKUP");
    Http.Response scan = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000)
        .put("missing", new JsonArray().add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY")
            .put("reason", "Công dân chỉ mang theo hai bản sao"))));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);

    Http.Response received = desk.receives(order.getString("id"), tally(2));

    assertThat(received.json().getBoolean("match")).isFalse();
    assertThat(received.json().getJsonArray("discrepancies"))
        .containsExactly("Chưa đủ theo danh mục thủ tục: Bản sao CCCD (bản sao): cần 3, có 2");
    assertThat(desk.order(order.getString("id")).json().getJsonArray("flags")).contains("FOLLOW_UP");
  }

  @Test
  void aCompleteDossierPassesBothTalliesAndACourierSeesTheListOnTheCard() {
    catalogue(2);
    JsonObject order = booked("PICKUP");
    JsonObject delivery = booked("DELIVERY");

    JsonObject card = courier.looksUp(order.getString("itemCode")).json();
    JsonObject deliveryCard = courier.looksUp(delivery.getString("itemCode")).json();
    Http.Response scan = courier.scans(Courier.pickup(order.getString("itemCode"), 50_000));
    Http.Response received = desk.receives(order.getString("id"), tally(2));

    assertThat(card.getJsonObject("procedure").getString("name")).isEqualTo("Đăng ký hộ kinh doanh");
    assertThat(card.getJsonArray("components").getJsonObject(0).getString("kindLabel")).isEqualTo("Bản chính");
    assertThat(card.getJsonArray("components").getJsonObject(1).getInteger("count")).isEqualTo(2);
    assertThat(deliveryCard.containsKey("components")).isFalse();
    assertThat(scan.status()).as(scan.toString()).isEqualTo(200);
    assertThat(received.json().getBoolean("match")).as(received.toString()).isTrue();
  }

  /** The office lists 1.001234 with the form (one original) and {@code copies} copies of the ID. */
  private void catalogue(int copies) {
    JsonObject body = new JsonObject().put("name", "Đăng ký hộ kinh doanh").put("postalSubmissionAllowed", true)
        .put("postalReturnAllowed", true).put("fee", 50_000).put("processingDays", 3)
        .put("components", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", copies)));
    Http.Response put = app.http().send(HttpMethod.PUT, "/api/v1/admin/offices/" + desk.office()
        + "/procedures/1.001234", app.adminKey(), body.toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(put.status()).as(put.toString()).isEqualTo(201);
  }

  private static JsonArray tally(int copies) {
    return new JsonArray()
        .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
        .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", copies));
  }

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }
}

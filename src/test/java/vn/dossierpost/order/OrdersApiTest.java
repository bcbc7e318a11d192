package vn.dossierpost.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

class OrdersApiTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Db db = new Db(app.services().pool());

  @Test
  void bookingALegStoresItNormalisedAndAnswers201WithItsLocation() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    request.getJsonObject("citizen").put("name", "  Nguyễn   Văn An ").put("phone", "+84 912 345 678");

    Http.Response response = desk.books(request);

    assertThat(response.status()).isEqualTo(201);
    JsonObject order = response.json();
    assertThat(response.header("Location")).isEqualTo("/api/v1/orders/" + order.getString("id"));
    assertThat(order.getString("status")).isEqualTo("CREATED");
    assertThat(order.getString("officeCode")).isEqualTo(desk.office());
    assertThat(order.getString("orderNumber")).isEqualTo(request.getString("dossierCode") + "-D");
    assertThat(order.getJsonObject("citizen").getString("name")).isEqualTo("Nguyễn Văn An");
    assertThat(order.getJsonObject("citizen").getString("phone")).isEqualTo("+84912345678");
  }

  @Test
  void bookingWritesTheCarrierBookingJobInTheSameTransaction() {
    String id = desk.booked("PICKUP").getString("id");

    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1::uuid AND kind = 'carrier.book'",
        id)).isEqualTo(1);
  }

  @Test
  void aStoredOrderIsReadBackAsBooked() {
    JsonObject created = desk.booked("DELIVERY");

    Http.Response response = desk.order(created.getString("id"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json()).isEqualTo(created);
  }

  @Test
  void anotherOfficesOrderAnswers404ExactlyLikeAMissingOne() {
    String id = desk.booked("DELIVERY").getString("id");
    Desk stranger = new Desk(app, app.newOffice());

    Http.Response theirs = stranger.order(id);
    Http.Response missing = stranger.order("00000000-0000-0000-0000-000000000000");

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().copy().put("instance", "").put("requestId", ""))
        .isEqualTo(missing.json().copy().put("instance", "").put("requestId", ""));
    assertThat(stranger.cancels(id).status()).isEqualTo(404);
    assertThat(stranger.events(id).status()).isEqualTo(404);
    assertThat(stranger.list("").json().getJsonArray("items")).isEmpty();
    assertThat(desk.order(id).json().getString("status")).as("the stranger's cancel changed nothing")
        .isNotEqualTo("CANCELLED");
  }

  @Test
  void aSecondActiveOrderForTheSameDossierAndLegIsA409NamingTheFirst() {
    String dossier = Samples.dossierCode(desk.office());
    String first = desk.books(Samples.order(dossier, "PICKUP")).json().getString("id");

    Http.Response second = desk.books(Samples.order(dossier, "PICKUP"));

    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().getString("type")).isEqualTo("/problems/order-exists");
    assertThat(second.json().getString("existingOrderId")).isEqualTo(first);
  }

  @Test
  void theOtherLegOfTheSameDossierIsAllowed() {
    String dossier = Samples.dossierCode(desk.office());
    desk.books(Samples.order(dossier, "PICKUP"));

    assertThat(desk.books(Samples.order(dossier, "DELIVERY")).status()).isEqualTo(201);
  }

  @Test
  void aCancelledLegCanBeBookedAgainWithANewCarrierOrderNumber() {
    String dossier = Samples.dossierCode(desk.office());
    String first = desk.books(Samples.order(dossier, "DELIVERY")).json().getString("id");
    desk.cancels(first);

    Http.Response again = desk.books(Samples.order(dossier, "DELIVERY"));

    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().getString("orderNumber")).isEqualTo(dossier + "-D2");
  }

  @Test
  void cancellingBeforeCollectionRecordsADeskEventAndEndsTheOrder() {
    String id = desk.booked("DELIVERY").getString("id");

    Http.Response cancelled = desk.cancels(id);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(deskCancellations(id)).isEqualTo(1);
  }

  @Test
  void cancellingTwiceAnswersTheCancelledOrderAgain() {
    String id = desk.booked("DELIVERY").getString("id");
    desk.cancels(id);

    Http.Response again = desk.cancels(id);

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("status")).isEqualTo("CANCELLED");
    assertThat(deskCancellations(id)).isEqualTo(1);
  }

  @Test
  void aCollectedOrderCannotBeCancelled() {
    String id = desk.booked("PICKUP").getString("id");
    vn.dossierpost.support.Eventually.within(java.time.Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));
    db.exec("UPDATE orders SET status = 'COLLECTED' WHERE id = $1::uuid", id);

    Http.Response response = desk.cancels(id);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getString("type")).isEqualTo("/problems/not-cancellable");
    assertThat(response.json().getString("orderStatus")).isEqualTo("COLLECTED");
    assertThat(response.json().getInteger("status")).isEqualTo(409);
  }

  @Test
  void cancellingABookedLegAsksTheCarrierToCancelThroughTheOutbox() {
    String id = desk.booked("DELIVERY").getString("id");
    vn.dossierpost.support.Eventually.within(java.time.Duration.ofSeconds(10), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED"));

    desk.cancels(id);

    assertThat(db.count("SELECT count(*) FROM outbox WHERE order_id = $1::uuid AND kind = 'carrier.cancel'",
        id)).isEqualTo(1);
  }

  @Test
  void theListIsKeysetPagedNewestFirstWithoutGapsOrRepeats() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(0, desk.booked(i % 2 == 0 ? "DELIVERY" : "PICKUP").getString("id"));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Http.Response page = desk.list("limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      page.json().getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("id")));
      cursor = page.json().getString("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void theListFiltersByStatusLegDossierAndDates() {
    JsonObject pickup = desk.booked("PICKUP");
    JsonObject delivery = desk.booked("DELIVERY");
    desk.cancels(delivery.getString("id"));

    assertThat(ids(desk.list("leg=PICKUP"))).containsExactly(pickup.getString("id"));
    assertThat(ids(desk.list("status=CANCELLED"))).containsExactly(delivery.getString("id"));
    assertThat(ids(desk.list("dossierCode=" + pickup.getString("dossierCode"))))
        .containsExactly(pickup.getString("id"));
    String today = java.time.LocalDate.now(OrderQuery.VIETNAM).toString();
    assertThat(ids(desk.list("from=" + today + "&to=" + today))).hasSize(2);
    assertThat(ids(desk.list("to=2020-01-01"))).isEmpty();
  }

  private long deskCancellations(String id) {
    return desk.events(id).json().getJsonArray("items").stream().map(e -> (JsonObject) e)
        .filter(e -> "CANCELLED".equals(e.getString("code")) && "DESK".equals(e.getString("source")))
        .count();
  }

  private static List<String> ids(Http.Response response) {
    assertThat(response.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().getJsonArray("items").forEach(o -> ids.add(((JsonObject) o).getString("id")));
    return ids;
  }
}

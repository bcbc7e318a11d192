package vn.dossierpost.courier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dossierpost.courier.ScanRequest.Action;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** The state machine of couriers' actions, as a table and through the API. */
class CourierStepsTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final Courier courier = new Courier(app, "650000");

  @Test
  void aPickupCannotBeDeliveredBeforeItWasCollectedAndReceived() {
    JsonObject order = booked("PICKUP");
    String id = order.getString("id");
    String item = order.getString("itemCode");
    JsonArray checklist = Courier.pickup(item, 0).getJsonArray("checklist");

    Http.Response deliveredFirst = courier.scans(Courier.delivery(item, 50_000));
    Http.Response receivedFirst = desk.receives(id, checklist);
    Http.Response collected = courier.scans(Courier.pickup(item, 50_000));
    Http.Response deliveredAfterCollection = courier.scans(Courier.delivery(item, 50_000));
    String statusBeforeTheDesk = status(id);
    Http.Response received = desk.receives(id, checklist);

    assertThat(deliveredFirst.status()).isEqualTo(409);
    assertThat(receivedFirst.status()).isEqualTo(409);
    assertThat(collected.status()).as(collected.toString()).isEqualTo(200);
    assertThat(deliveredAfterCollection.status()).isEqualTo(409);
    assertThat(deliveredAfterCollection.json().getString("orderStatus")).isEqualTo("COLLECTED");
    assertThat(deliveredAfterCollection.json().getJsonArray("allowedActions"))
        .containsExactly("ARRIVED_FACILITY", "DEPARTED_FACILITY", "OUT_FOR_DELIVERY");
    assertThat(statusBeforeTheDesk).isEqualTo("COLLECTED");
    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    assertThat(status(id)).isEqualTo("DELIVERED");
  }

  @Test
  void aSecondScanWithTheTimeOfTheFirstIsCheckedAfterIt() {
    String item = booked("PICKUP").getString("itemCode");
    String at = java.time.OffsetDateTime.now().toString();

    Http.Response first = courier.scans(Courier.pickup(item, 50_000).put("scannedAt", at));
    Http.Response second = courier.scans(Courier.pickup(item, 50_000).put("scannedAt", at)
        .put("sealNumber", "NP-0099999"));

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(second.status()).as(second.toString()).isEqualTo(409);
    assertThat(second.json().getString("orderStatus")).isEqualTo("COLLECTED");
  }

  @Test
  void aBackDatedScanCannotPutALaterStepOutOfOrderNorExtendAnEndedRecord() {
    JsonObject order = booked("DELIVERY");
    String item = order.getString("itemCode");
    java.time.OffsetDateTime t = java.time.OffsetDateTime.now().plusSeconds(1); // after the booking
    assertThat(courier.scans(Courier.scan(item, "COLLECTED").put("scannedAt", t.toString())).status())
        .isEqualTo(200);
    assertThat(courier.scans(Courier.scan(item, "DEPARTED_FACILITY")
        .put("scannedAt", t.plusSeconds(2).toString())).status()).isEqualTo(200);

    // Held at the counter before it departed: the departure would then be out of order.
    Http.Response held = courier.scans(Courier.scan(item, "HELD_FOR_PICKUP")
        .put("scannedAt", t.plusSeconds(1).toString()));
    assertThat(held.status()).as(held.toString()).isEqualTo(409);
    assertThat(held.json().getString("laterAction")).isEqualTo("DEPARTED_FACILITY");

    assertThat(courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY")
        .put("scannedAt", t.plusSeconds(3).toString())).status()).isEqualTo(200);
    JsonObject delivered = Courier.delivery(item, 50_000).put("scannedAt", t.plusSeconds(4).toString());
    assertThat(courier.scans(delivered).status()).isEqualTo(200);
    Http.Response failedBefore = courier.scans(Courier.scan(item, "DELIVERY_FAILED")
        .put("reason", "RECIPIENT_ABSENT").put("scannedAt", t.plusNanos(3_500_000_000L).toString()));
    Http.Response deliveredAgain = courier.scans(delivered);

    assertThat(failedBefore.status()).as(failedBefore.toString()).isEqualTo(409);
    assertThat(failedBefore.json().getString("orderStatus")).isEqualTo("DELIVERED");
    assertThat(deliveredAgain.status()).as("an upload repeated is a duplicate").isEqualTo(200);
    assertThat(status(order.getString("id"))).isEqualTo("DELIVERED");
    assertThat(desk.order(order.getString("id")).json().encode()).doesNotContain("RECIPIENT_ABSENT");
  }

  @Test
  void theItemCardShowsLegStatusMaskedRecipientCommuneFeeAndTheAllowedActionsWithTheirNeeds() {
    JsonObject order = booked("DELIVERY");
    String item = order.getString("itemCode");
    courier.scans(Courier.scan(item, "COLLECTED"));
    courier.scans(Courier.scan(item, "OUT_FOR_DELIVERY"));

    Http.Response card = courier.looksUp(item);

    assertThat(card.status()).as(card.toString()).isEqualTo(200);
    JsonObject json = card.json();
    assertThat(json.getString("leg")).isEqualTo("DELIVERY");
    assertThat(json.getString("status")).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(json.getJsonObject("recipient").getString("name")).isEqualTo("Nguyễn V. A.");
    assertThat(json.getJsonObject("recipient").getString("phone")).startsWith("09xx xxx ");
    assertThat(json.getJsonObject("commune").getString("code")).isEqualTo(order.getJsonObject("citizen")
        .getJsonObject("address").getString("communeCode"));
    assertThat(json.getJsonObject("commune").getString("name")).isEqualTo("Phường Hoàn Kiếm");
    assertThat(json.getLong("feeDue")).isEqualTo(50_000L);
    assertThat(json.getJsonArray("allowedActions")).contains(
        new JsonObject().put("action", "DELIVERED").put("requires", new JsonArray().add("proof").add("fee")),
        new JsonObject().put("action", "DELIVERY_FAILED").put("requires", new JsonArray().add("reason")));
    assertThat(json.encode()).doesNotContain(order.getJsonObject("citizen").getString("name"));
  }

  @Test
  void theItemCardOfAnotherUnitsItemIsNotFoundAndABadCodeIsNamed() {
    JsonObject order = booked("DELIVERY");

    Http.Response other = new Courier(app, "999999").looksUp(order.getString("itemCode"));
    Http.Response bad = courier.looksUp("EB123");
    Http.Response asDesk = app.http().get("/api/v1/courier/items/" + order.getString("itemCode"), desk.key());

    assertThat(other.status()).isEqualTo(404);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("itemCode");
    assertThat(asDesk.status()).isEqualTo(403);
  }

  @Test
  void noCourierActionEndsAPickupAndNoneAppliesToAnEndedItem() {
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(CourierSteps.allowed(Leg.PICKUP, status)).doesNotContain(Action.DELIVERED);
      if (status.isFinal() || status == OrderStatus.CREATED || status == OrderStatus.CANCELLED) {
        assertThat(CourierSteps.allowed(Leg.PICKUP, status)).isEmpty();
        assertThat(CourierSteps.allowed(Leg.DELIVERY, status)).isEmpty();
      }
    }
  }

  @Test
  void aResultIsDeliveredOnlyFromTheLastLegOrTheCounter() {
    List<OrderStatus> from = Arrays.stream(OrderStatus.values())
        .filter(s -> CourierSteps.allowed(Leg.DELIVERY, s).contains(Action.DELIVERED)).toList();

    assertThat(from).containsExactlyInAnyOrder(OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERY_FAILED,
        OrderStatus.AWAITING_PICKUP);
  }

  @Test
  void eachStepNeedsWhatCircular17AsksAndTheFeeOnlyWhenOneIsDue() {
    assertThat(CourierSteps.requirements(Leg.PICKUP, Action.COLLECTED, 50_000)).containsExactly(
        CourierSteps.Requirement.CHECKLIST, CourierSteps.Requirement.SEAL, CourierSteps.Requirement.FEE_AND_RECEIPT);
    assertThat(CourierSteps.requirements(Leg.PICKUP, Action.COLLECTED, 0)).doesNotContain(
        CourierSteps.Requirement.FEE_AND_RECEIPT);
    assertThat(CourierSteps.requirements(Leg.DELIVERY, Action.COLLECTED, 50_000)).isEmpty();
    assertThat(CourierSteps.requirements(Leg.DELIVERY, Action.DELIVERED, 50_000)).containsExactly(
        CourierSteps.Requirement.RECIPIENT_AND_ID, CourierSteps.Requirement.FEE_AND_RECEIPT);
    assertThat(CourierSteps.requirements(Leg.DELIVERY, Action.RETURN_STARTED, 0)).containsExactly(
        CourierSteps.Requirement.REASON);
  }

  private JsonObject booked(String leg) {
    String id = desk.booked(leg).getString("id");
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("BOOKED"));
    return desk.order(id).json();
  }

  private String status(String id) {
    return desk.order(id).json().getString("status");
  }
}

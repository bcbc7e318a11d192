package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;

/**
 * Events from the carrier's feed for an item no order carries yet are parked, and given to the
 * order booked later with that item code; but such an event was never checked against its order,
 * so it cannot skip a step that needs proof (issue 24: the next, predictable, item code was
 * "delivered" before it was booked).
 */
class ParkedEventAdoptionTest {

  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-05T08:00:00+07:00");

  @Test
  void aPickupBookedAfterItsCodeWasReportedDeliveredStaysBookedUntilCollectedAndReceived() {
    try (TestApp own = TestApp.startFresh(Map.of("DP_ITEM_CODE_RANGE", "EB:40000000-40000999"))) {
      Desk desk = new Desk(own, own.newOffice());
      Db db = new Db(own.services().pool());
      CarrierPush carrier = new CarrierPush(own);
      String next = S10.of("EB", 40_000_000L, "VN");
      OffsetDateTime now = OffsetDateTime.now();
      carrier.push(CarrierPush.batch(List.of(CarrierPush.record(next, 6, now.minusMinutes(2)),
          CarrierPush.record(next, 14, now.minusMinutes(1)))));
      assertThat(db.count("SELECT count(*) FROM order_events WHERE item_code = $1 AND order_id IS NULL", next))
          .isEqualTo(2);

      String id = desk.booked("PICKUP").getString("id");
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(desk.order(id).json().getString("itemCode")).isEqualTo(next));
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(db.count("SELECT count(*) FROM order_events WHERE order_id = $1::uuid "
              + "AND 'ADOPTED' = ANY(flags)", id)).isEqualTo(2));

      assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED");
      assertThat(desk.events(id).json().getJsonArray("items").stream()
          .filter(e -> ((JsonObject) e).getJsonArray("flags").contains("NEEDS_PROOF"))
          .map(e -> ((JsonObject) e).getString("code")).toList())
          .as("held back, shown to the desk").containsExactly("COLLECTED", "DELIVERED");

      assertThat(new Courier(own, "650000").scans(Courier.pickup(next, 50_000)).status()).isEqualTo(200);
      assertThat(desk.order(id).json().getString("status")).isEqualTo("COLLECTED");
      own.http().post("/api/v1/orders/" + id + "/receive", desk.key(), new JsonObject()
          .put("checklist", Courier.pickup(next, 0).getJsonArray("checklist")).put("sealIntact", true));
      assertThat(desk.order(id).json().getString("status")).isEqualTo("DELIVERED");
    }
  }

  @Test
  void anAdoptedDeliveryWithoutProofDoesNotEndTheDeliveryButAnAdoptedStepWithoutProofApplies() {
    TrackingEvent collected = adopted(EventCode.COLLECTED, 1, null);
    TrackingEvent delivered = adopted(EventCode.DELIVERED, 2, null);

    StatusFold.Result result = StatusFold.foldFrom(Leg.DELIVERY, OrderStatus.BOOKED, null,
        List.of(collected, delivered));

    assertThat(result.status()).isEqualTo(OrderStatus.COLLECTED);
    assertThat(result.flagsByDedupKey().get(delivered.dedupKey())).contains(TrackingEvent.FLAG_NEEDS_PROOF);
    assertThat(result.flagsByDedupKey().get(collected.dedupKey())).doesNotContain(TrackingEvent.FLAG_NEEDS_PROOF);
  }

  @Test
  void anAdoptedDeliveryWithTheRecipientsProofApplies() {
    TrackingEvent delivered = adopted(EventCode.DELIVERED, 2, new JsonObject().put("recipientName", "Nguyễn Văn An"));

    assertThat(StatusFold.foldFrom(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, null, List.of(delivered)).status())
        .isEqualTo(OrderStatus.DELIVERED);
    assertThat(StatusFold.foldFrom(Leg.PICKUP, OrderStatus.COLLECTED, null, List.of(delivered)).status())
        .as("a pickup ends only when the desk receives it").isEqualTo(OrderStatus.COLLECTED);
  }

  @Test
  void theSameEventsNotAdoptedApplyAsBefore() {
    TrackingEvent delivered = adopted(EventCode.DELIVERED, 2, null).withFlags(Set.of());

    assertThat(StatusFold.foldFrom(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, null, List.of(delivered)).status())
        .isEqualTo(OrderStatus.DELIVERED);
  }

  private static TrackingEvent adopted(EventCode code, int minute, JsonObject proof) {
    return new TrackingEvent(null, UUID.randomUUID(), "EB400000001VN", code, null, null,
        T0.plusMinutes(minute), null, null, null, null, null, proof, new JsonObject().put("checklist", new JsonArray()),
        null, null, null, EventSource.WEBHOOK, null, "k" + minute, Set.of(TrackingEvent.FLAG_ADOPTED));
  }
}

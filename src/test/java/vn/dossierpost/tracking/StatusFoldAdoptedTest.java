package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;

/**
 * The fold of an order's adopted events (parked before the order carried their item code): a
 * step that needs proof the event does not carry does not apply ({@link AdoptedSteps}).
 */
class StatusFoldAdoptedTest {

  private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-05T08:00:00+07:00");

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

  @Test
  void anAdoptedCollectionOfAPickupNeedsItsChecklistAndSeal() {
    TrackingEvent bare = adopted(EventCode.COLLECTED, 1, null);
    TrackingEvent sealed = new TrackingEvent(null, bare.orderId(), bare.itemCode(), EventCode.COLLECTED, null, null,
        T0.plusMinutes(2), null, null, null, null, null, null,
        new JsonObject().put("checklist", new JsonArray().add(new JsonObject().put("name", "Tờ khai"))),
        null, null, "NP-1", EventSource.WEBHOOK, null, "sealed", Set.of(TrackingEvent.FLAG_ADOPTED));

    TrackingEvent sealedOnly = new TrackingEvent(null, bare.orderId(), bare.itemCode(), EventCode.COLLECTED, null,
        null, T0.plusMinutes(1), null, null, null, null, null, null, new JsonObject().put("checklist", new JsonArray()),
        null, null, "NP-1", EventSource.WEBHOOK, null, "sealed-only", Set.of(TrackingEvent.FLAG_ADOPTED));
    StatusFold.Result result = StatusFold.foldFrom(Leg.PICKUP, OrderStatus.BOOKED, null, List.of(bare, sealed));

    assertThat(StatusFold.foldFrom(Leg.PICKUP, OrderStatus.BOOKED, null, List.of(sealedOnly)).status())
        .as("a seal without the list of documents").isEqualTo(OrderStatus.BOOKED);

    assertThat(StatusFold.foldFrom(Leg.PICKUP, OrderStatus.BOOKED, null, List.of(bare)).status())
        .isEqualTo(OrderStatus.BOOKED);
    assertThat(result.status()).isEqualTo(OrderStatus.COLLECTED);
    assertThat(result.flagsByDedupKey().get("sealed")).containsExactly(TrackingEvent.FLAG_ADOPTED);
  }

  @Test
  void aFlagOfHoldingBackIsEarnedAgainOnEachFold() {
    TrackingEvent stale = adopted(EventCode.ARRIVED_FACILITY, 1, null)
        .withFlags(Set.of(TrackingEvent.FLAG_ADOPTED, TrackingEvent.FLAG_NEEDS_PROOF));

    StatusFold.Result result = StatusFold.foldFrom(Leg.DELIVERY, OrderStatus.COLLECTED, null, List.of(stale));

    assertThat(result.status()).isEqualTo(OrderStatus.IN_TRANSIT);
    assertThat(result.flagsByDedupKey().get(stale.dedupKey())).containsExactly(TrackingEvent.FLAG_ADOPTED);
  }
}

package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.TrackingEvent;

/** Which milestone a status change reached: the same one again for re-scans and repeats. */
class MilestoneTest {

  private static final OffsetDateTime T0 = OffsetDateTime.of(2025, 11, 24, 8, 0, 0, 0, ZoneOffset.UTC);

  /** Event {@code id} of the given code, {@code id} minutes after eight. */
  private static TrackingEvent event(long id, EventCode code) {
    return new TrackingEvent(id, null, "EB100000003VN", code, code.name(), null, T0.plusMinutes(id),
        Instant.now(), null, null, null, null, null, null, null, null, null, EventSource.WEBHOOK,
        null, "e" + id, Set.of());
  }

  private static List<TrackingEvent> timeline(EventCode... codes) {
    List<TrackingEvent> events = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      events.add(event(i + 1, codes[i]));
    }
    return events;
  }

  private static String key(Leg leg, OrderStatus status, List<TrackingEvent> timeline, long cause) {
    return Milestone.of(leg, status, timeline, cause).key();
  }

  @Test
  void anItemCollectedAgainAfterItMovedOnReachesTheSameMilestone() {
    List<TrackingEvent> t = timeline(EventCode.COLLECTED, EventCode.ARRIVED_FACILITY, EventCode.COLLECTED);

    assertThat(key(Leg.DELIVERY, OrderStatus.COLLECTED, t, 1)).isEqualTo("delivery.collected");
    assertThat(key(Leg.DELIVERY, OrderStatus.COLLECTED, t, 3)).isEqualTo("delivery.collected");
  }

  @Test
  void outForDeliveryAndFailuresAreNumberedByAttempt() {
    List<TrackingEvent> t = timeline(EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED,
        EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED);

    assertThat(List.of(key(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, t, 1),
        key(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, t, 2),
        key(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, t, 3),
        key(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, t, 4))).containsExactly(
        "delivery.out_for_delivery#1", "delivery.delivery_failed#1",
        "delivery.out_for_delivery#2", "delivery.delivery_failed#2");
  }

  @Test
  void aFailureRecordedTwiceInARowIsOneAttempt() {
    List<TrackingEvent> t = timeline(EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED,
        EventCode.INFO, EventCode.DELIVERY_FAILED);

    assertThat(key(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, t, 4)).isEqualTo("delivery.delivery_failed#1");
  }

  @Test
  void outForDeliveryRecordedAgainWithoutAFailureIsTheSameAttempt() {
    List<TrackingEvent> t = timeline(EventCode.OUT_FOR_DELIVERY, EventCode.ARRIVED_FACILITY,
        EventCode.OUT_FOR_DELIVERY);

    assertThat(key(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, t, 3)).isEqualTo("delivery.out_for_delivery#1");
  }

  @Test
  void aFailureRecordedTwiceIsNotTheLastAttemptInTheMessageEither() {
    List<TrackingEvent> t = timeline(EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED,
        EventCode.DELIVERY_FAILED);

    Progress progress = Progress.of(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, "D-1", "EB100000003VN",
        T0, t, vn.dossierpost.access.Policy.DEFAULT);

    assertThat(progress.attempts()).isEqualTo(1);
    assertThat(progress.lastAttempt()).isFalse();
    assertThat(SmsTemplates.message(progress, "https://x/t/y").orElseThrow().template()).isEqualTo("delivery.failed");
  }

  @Test
  void aFailureAfterTheItemWasBackAtThePostOfficeIsANewAttempt() {
    List<TrackingEvent> t = timeline(EventCode.DELIVERY_FAILED, EventCode.ARRIVED_FACILITY,
        EventCode.DELIVERY_FAILED);

    assertThat(key(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, t, 3)).isEqualTo("delivery.delivery_failed#2");
  }

  @Test
  void aPickupCountsFailedCollectionsAndOnlyThose() {
    List<TrackingEvent> t = timeline(EventCode.BOOKING_CONFIRMED, EventCode.COLLECTION_FAILED,
        EventCode.BOOKING_CONFIRMED, EventCode.COLLECTION_FAILED, EventCode.DELIVERY_FAILED);

    assertThat(key(Leg.PICKUP, OrderStatus.COLLECTION_FAILED, t, 4)).isEqualTo("pickup.collection_failed#2");
    assertThat(key(Leg.PICKUP, OrderStatus.BOOKED, t, 3)).isEqualTo("pickup.booked");
  }

  @Test
  void onlyTheHistoryUpToTheCauseCountsInTheOrderEventsHappened() {
    List<TrackingEvent> arrived = new ArrayList<>(timeline(EventCode.OUT_FOR_DELIVERY,
        EventCode.DELIVERY_FAILED, EventCode.OUT_FOR_DELIVERY));
    // Arrived first, happened last: a later failure does not change the first attempt's number.
    arrived.add(0, event(9, EventCode.DELIVERY_FAILED));

    assertThat(key(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, arrived, 3)).isEqualTo("delivery.out_for_delivery#2");
    assertThat(key(Leg.DELIVERY, OrderStatus.OUT_FOR_DELIVERY, arrived, 1)).isEqualTo("delivery.out_for_delivery#1");
  }

  @Test
  void withoutACauseTheWholeHistoryCounts() {
    List<TrackingEvent> t = timeline(EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED,
        EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED);

    assertThat(Milestone.of(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, t, null).key())
        .isEqualTo("delivery.delivery_failed#2");
    assertThat(Milestone.of(Leg.DELIVERY, OrderStatus.DELIVERY_FAILED, List.of(), null).key())
        .isEqualTo("delivery.delivery_failed#1");
    assertThat(Milestone.of(Leg.DELIVERY, OrderStatus.DELIVERED, t, null).key()).isEqualTo("delivery.delivered");
  }
}

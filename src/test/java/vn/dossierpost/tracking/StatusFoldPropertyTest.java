package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.OrderStatus;

/**
 * The status is a function of the set of events: whatever order they arrive in, however often
 * each arrives, with or without unmapped codes mixed in. Histories are generated from the
 * carrier's real lifecycles, then broken up.
 */
class StatusFoldPropertyTest {

  private static final EventCode[][] LIFECYCLES = {
      {EventCode.BOOKING_CONFIRMED, EventCode.INFO, EventCode.COLLECTED, EventCode.ARRIVED_FACILITY,
          EventCode.DEPARTED_FACILITY, EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERED},
      {EventCode.BOOKING_CONFIRMED, EventCode.COLLECTED, EventCode.OUT_FOR_DELIVERY,
          EventCode.DELIVERY_FAILED, EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERED},
      {EventCode.BOOKING_CONFIRMED, EventCode.COLLECTED, EventCode.OUT_FOR_DELIVERY,
          EventCode.DELIVERY_FAILED, EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERY_FAILED,
          EventCode.HELD_FOR_PICKUP, EventCode.RETURN_STARTED, EventCode.RETURNED},
      {EventCode.BOOKING_CONFIRMED, EventCode.COLLECTION_FAILED, EventCode.COLLECTED,
          EventCode.DEPARTED_FACILITY, EventCode.DELIVERED},
      {EventCode.BOOKING_CONFIRMED, EventCode.COLLECTED, EventCode.DEPARTED_FACILITY, EventCode.LOST},
      {EventCode.BOOKING_CONFIRMED, EventCode.CANCELLED},
      {EventCode.BOOKING_FAILED}};

  private final Random random = new Random(452016);

  @Test
  void everyPermutationOfAThousandShortHistoriesFoldsToTheSameStatus() {
    int histories = 0;
    long permutations = 0;
    while (histories < 1000) {
      List<TrackingEvent> history = history(2 + random.nextInt(6));
      OrderStatus expected = StatusFold.fold(history).status();
      for (List<TrackingEvent> order : permutations(history)) {
        assertThat(StatusFold.fold(order).status()).as(describe(order)).isEqualTo(expected);
        permutations++;
      }
      histories++;
    }
    assertThat(permutations).isGreaterThan(100_000);
  }

  @Test
  void longHistoriesShuffledAndDuplicatedFoldToTheSameStatus() {
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = history(6 + random.nextInt(20));
      OrderStatus expected = StatusFold.fold(history).status();
      for (int round = 0; round < 50; round++) {
        List<TrackingEvent> arrived = new ArrayList<>(history);
        int copies = random.nextInt(history.size());
        for (int c = 0; c < copies; c++) {
          arrived.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(arrived, random);
        assertThat(StatusFold.fold(arrived).status()).isEqualTo(expected);
      }
    }
  }

  @Test
  void unmappedCodesNeverChangeTheStatusAndAreFlagged() {
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = history(2 + random.nextInt(10));
      OrderStatus expected = StatusFold.fold(history).status();
      List<TrackingEvent> noisy = new ArrayList<>(history);
      for (int u = 0; u < 1 + random.nextInt(4); u++) {
        noisy.add(event(null, random.nextInt(100), "unmapped-" + n + "-" + u));
      }
      Collections.shuffle(noisy, random);
      StatusFold.Result result = StatusFold.fold(noisy);
      assertThat(result.status()).isEqualTo(expected);
      noisy.stream().filter(e -> e.code() == null).forEach(e ->
          assertThat(result.flagsByDedupKey().get(e.dedupKey())).contains(TrackingEvent.FLAG_UNMAPPED));
    }
  }

  @Test
  void aFinalStatusIsNeverLeftAndWhatComesAfterIsFlagged() {
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = history(2 + random.nextInt(10));
      StatusFold.Result before = StatusFold.fold(history);
      if (!before.status().isFinal()) {
        continue;
      }
      List<TrackingEvent> more = new ArrayList<>(history);
      EventCode later = EventCode.values()[random.nextInt(EventCode.values().length)];
      TrackingEvent after = event(later, 1000 + random.nextInt(100), "after-" + n);
      more.add(after);

      StatusFold.Result result = StatusFold.fold(more);

      assertThat(result.status()).isEqualTo(before.status());
      if (later.target() != null) {
        assertThat(result.flagsByDedupKey().get(after.dedupKey())).contains(TrackingEvent.FLAG_AFTER_FINAL);
      }
    }
  }

  /**
   * The reconciler resumes the fold from an order's stored status when new events all come after
   * its history: for every history and every instant it can be cut at, the fold of the part
   * before resumed over the part after gives the fold of the whole, with the same flags on the
   * later events and the same event as the last applied.
   */
  @Test
  void aFoldResumedAfterAnyInstantEqualsTheFoldOfTheWhole() {
    int cuts = 0;
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = new ArrayList<>(history(2 + random.nextInt(12)));
      if (random.nextBoolean()) {
        history.add(event(null, random.nextInt(20), "unmapped-" + n));
      }
      history.add(history.get(random.nextInt(history.size())));
      Collections.shuffle(history, random);
      StatusFold.Result whole = StatusFold.fold(history);
      for (int minute = -1; minute <= 40; minute++) {
        Instant cut = event(EventCode.INFO, minute, "cut").occurredAt().toInstant();
        List<TrackingEvent> before = history.stream().filter(e -> !e.occurredAt().toInstant().isAfter(cut)).toList();
        List<TrackingEvent> after = history.stream().filter(e -> e.occurredAt().toInstant().isAfter(cut)).toList();
        StatusFold.Result head = StatusFold.fold(before);
        StatusFold.Result resumed = StatusFold.foldFrom(head.status(), head.reason(), after);

        assertThat(resumed.status()).as(describe(history) + " cut after minute " + minute)
            .isEqualTo(whole.status());
        assertThat(resumed.reason()).isEqualTo(whole.reason());
        assertThat(resumed.lastApplied() != null ? resumed.lastApplied() : head.lastApplied())
            .isEqualTo(whole.lastApplied());
        after.forEach(e -> assertThat(resumed.flagsByDedupKey().get(e.dedupKey()))
            .isEqualTo(whole.flagsByDedupKey().get(e.dedupKey())));
        cuts++;
      }
    }
    assertThat(cuts).isGreaterThan(50_000);
  }

  @Test
  void theCarrierStatusOfEachLifecycleIsItsLastStep() {
    assertThat(StatusFold.fold(times(LIFECYCLES[0])).status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(StatusFold.fold(times(LIFECYCLES[2])).status()).isEqualTo(OrderStatus.RETURNED);
    assertThat(StatusFold.fold(times(LIFECYCLES[4])).status()).isEqualTo(OrderStatus.LOST);
    assertThat(StatusFold.fold(List.of()).status()).isEqualTo(OrderStatus.CREATED);
  }

  @Test
  void eventsOfTheSameInstantAreOrderedByTheirPlaceInTheLifecycle() {
    List<TrackingEvent> same = List.of(event(EventCode.DELIVERED, 5, "d"), event(EventCode.OUT_FOR_DELIVERY, 5, "o"),
        event(EventCode.COLLECTED, 5, "c"));

    assertThat(StatusFold.fold(same).status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(StatusFold.history(same).stream().map(TrackingEvent::code))
        .containsExactly(EventCode.COLLECTED, EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERED);
  }

  /** A prefix of a real lifecycle, some steps at the same instant, plus a stray INFO or two. */
  private List<TrackingEvent> history(int length) {
    EventCode[] lifecycle = LIFECYCLES[random.nextInt(LIFECYCLES.length)];
    List<TrackingEvent> events = new ArrayList<>();
    int minute = 0;
    int steps = Math.min(length, lifecycle.length);
    for (int i = 0; i < steps; i++) {
      minute += random.nextInt(3);
      events.add(event(lifecycle[i], minute, "s" + i + "-" + random.nextInt(1_000_000)));
    }
    while (events.size() < length) {
      EventCode any = random.nextInt(4) == 0 ? EventCode.values()[random.nextInt(EventCode.values().length)]
          : EventCode.INFO;
      events.add(event(any, random.nextInt(minute + 5), "x" + events.size() + "-" + random.nextInt(1_000_000)));
    }
    return events;
  }

  private static List<TrackingEvent> times(EventCode[] codes) {
    List<TrackingEvent> events = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      events.add(event(codes[i], i, "t" + i));
    }
    return events;
  }

  static TrackingEvent event(EventCode code, int minute, String key) {
    OffsetDateTime at = OffsetDateTime.ofInstant(Instant.parse("2025-11-24T02:00:00Z").plusSeconds(60L * minute),
        ZoneOffset.ofHours(7));
    return new TrackingEvent(null, UUID.nameUUIDFromBytes(new byte[] {1}), "EB100000003VN", code,
        code == null ? "99" : code.name(), null, at, Instant.now(), null, null, "reason of " + key, null,
        null, null, null, null, null, EventSource.POLL, null, key, Set.of());
  }

  private static List<List<TrackingEvent>> permutations(List<TrackingEvent> events) {
    List<List<TrackingEvent>> all = new ArrayList<>();
    permute(new ArrayList<>(events), 0, all);
    return all;
  }

  private static void permute(List<TrackingEvent> list, int k, List<List<TrackingEvent>> out) {
    if (k == list.size()) {
      out.add(new ArrayList<>(list));
      return;
    }
    for (int i = k; i < list.size(); i++) {
      Collections.swap(list, k, i);
      permute(list, k + 1, out);
      Collections.swap(list, k, i);
    }
  }

  private static String describe(List<TrackingEvent> events) {
    return events.stream().map(e -> e.code() + "@" + e.occurredAt().toLocalTime()).toList().toString();
  }
}

package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.FoldReference.Effect;

/**
 * The fold against a reference model written apart from it ({@link FoldReference}), on histories
 * as they really reach us: late, backward, after a final status, unmapped, several at one minute,
 * some received twice, in any order. Each property counts the cases that reached its assertions,
 * so that a generator that stops producing them fails the test instead of passing it.
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
  private static final List<String> FLAGS = List.of(TrackingEvent.FLAG_AFTER_FINAL,
      TrackingEvent.FLAG_UNMAPPED, TrackingEvent.FLAG_PARKED, TrackingEvent.FLAG_FUTURE);

  private final Random random = new Random(452016);
  private int serial;

  @Test
  void theFoldAgreesWithTheReferenceOnHistoriesWithLateBackwardAndDuplicateEvents() {
    Map<Effect, Integer> met = new EnumMap<>(Effect.class);
    for (int n = 0; n < 5000; n++) {
      List<TrackingEvent> arrived = arrivals(random.nextInt(10), random.nextInt(12));
      FoldReference.Outcome expected = FoldReference.run(OrderStatus.CREATED, null, arrived);

      StatusFold.Result result = StatusFold.fold(arrived);

      assertAgrees(result, expected, arrived);
      assertThat(keys(StatusFold.history(arrived))).as(() -> describe(arrived)).isEqualTo(expected.timeline());
      expected.effects().forEach(e -> met.merge(e, 1, Integer::sum));
    }
    for (Effect effect : Effect.values()) {
      assertThat(met.getOrDefault(effect, 0)).as(effect + " events met").isGreaterThan(800);
    }
  }

  @Test
  void walkingAHistoryForwardNeverMovesBackAPhaseNorLeavesAFinalStatus() {
    int backwardMet = 0;
    int afterFinalMet = 0;
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = StatusFold.history(arrivals(random.nextInt(10), random.nextInt(10)));
      OrderStatus before = OrderStatus.CREATED;
      for (int i = 1; i <= history.size(); i++) {
        TrackingEvent next = history.get(i - 1);
        List<TrackingEvent> prefix = history.subList(0, i);
        OrderStatus after = StatusFold.fold(prefix).status();

        assertThat(FoldReference.phase(after)).as(() -> describe(prefix))
            .isGreaterThanOrEqualTo(FoldReference.phase(before));
        if (FoldReference.isFinal(before)) {
          assertThat(after).as(() -> describe(prefix)).isEqualTo(before);
          afterFinalMet += next.code() != null && next.code().target() != null ? 1 : 0;
        } else if (next.code() != null && next.code().target() != null
            && FoldReference.phase(next.code().target()) < FoldReference.phase(before)) {
          assertThat(after).as(() -> describe(prefix)).isEqualTo(before);
          backwardMet++;
        }
        before = after;
      }
    }
    assertThat(backwardMet).isGreaterThan(300);
    assertThat(afterFinalMet).isGreaterThan(1000);
  }

  @Test
  void aFinalStatusIsNeverLeftAndEveryLaterMoveIsFlaggedAfterFinal() {
    EventCode[] finals = {EventCode.BOOKING_FAILED, EventCode.DELIVERED, EventCode.RETURNED,
        EventCode.CANCELLED, EventCode.LOST};
    int laterMoves = 0;
    int laterFinals = 0;
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = arrivals(random.nextInt(8), random.nextInt(4));
      int end = lastMinute(history) + 1;
      history.add(generated(finals[random.nextInt(finals.length)], end));
      StatusFold.Result ended = StatusFold.fold(history);
      assertThat(FoldReference.isFinal(ended.status())).as(() -> describe(history)).isTrue();

      List<TrackingEvent> later = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        later.add(generated(anyCode(), end + 1 + random.nextInt(5)));
      }
      List<TrackingEvent> more = new ArrayList<>(history);
      more.addAll(later);
      Collections.shuffle(more, random);
      StatusFold.Result result = StatusFold.fold(more);

      assertThat(result.status()).as(() -> describe(more)).isEqualTo(ended.status());
      assertThat(result.reason()).isEqualTo(ended.reason());
      assertThat(result.lastApplied()).isEqualTo(ended.lastApplied());
      for (TrackingEvent e : later) {
        if (e.code() != null && e.code().target() != null) {
          assertThat(result.flagsByDedupKey().get(e.dedupKey())).as(() -> describe(more))
              .contains(TrackingEvent.FLAG_AFTER_FINAL);
          laterMoves++;
          laterFinals += FoldReference.isFinal(e.code().target()) && e.code().target() != ended.status() ? 1 : 0;
        }
      }
    }
    assertThat(laterMoves).isGreaterThan(2000);
    assertThat(laterFinals).isGreaterThan(500);
  }

  /**
   * Events of one instant, started from any status: the lifecycle rank orders them, then the
   * de-duplication key. Counted: the cases where each tie-break decides the outcome, that is
   * where the events read by key alone, or by rank and then as they arrived, end elsewhere.
   */
  @Test
  void eventsOfTheSameInstantApplyInLifecycleOrderThenByKeyWhateverTheOrderTheyArrivedIn() {
    int rankDecided = 0;
    int keyDecided = 0;
    for (int n = 0; n < 5000; n++) {
      OrderStatus start = OrderStatus.values()[random.nextInt(OrderStatus.values().length)];
      List<TrackingEvent> sameMinute = new ArrayList<>();
      int count = 2 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        sameMinute.add(generated(anyCode(), 7));
      }
      Collections.shuffle(sameMinute, random);
      FoldReference.Outcome expected = FoldReference.run(start, "start", sameMinute);

      StatusFold.Result result = StatusFold.foldFrom(start, "start", sameMinute);

      assertAgrees(result, expected, sameMinute);
      List<TrackingEvent> byKey = new ArrayList<>(sameMinute);
      byKey.sort(Comparator.comparing(TrackingEvent::dedupKey));
      List<TrackingEvent> byRankAsArrived = new ArrayList<>(sameMinute);
      byRankAsArrived.sort(Comparator.comparingInt(TrackingEvent::rank));
      rankDecided += differs(FoldReference.walk(start, "start", byKey), expected) ? 1 : 0;
      keyDecided += differs(FoldReference.walk(start, "start", byRankAsArrived), expected) ? 1 : 0;
    }
    assertThat(rankDecided).isGreaterThan(250);
    assertThat(keyDecided).isGreaterThan(75);
  }

  @Test
  void eachEventAppearsOnceInTheTimelineHoweverOftenItArrived() {
    int withCopies = 0;
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> arrived = arrivals(random.nextInt(10), random.nextInt(8));
      Set<String> distinct = new HashSet<>(keys(arrived));

      List<TrackingEvent> timeline = StatusFold.history(arrived);

      assertThat(keys(timeline)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(distinct);
      withCopies += distinct.size() < arrived.size() ? 1 : 0;
    }
    assertThat(withCopies).isGreaterThan(1000);
  }

  @Test
  void unmappedCodesNeverChangeTheStatusAndAreFlagged() {
    int flagged = 0;
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = arrivals(random.nextInt(10), random.nextInt(4));
      StatusFold.Result without = StatusFold.fold(history);
      List<TrackingEvent> noisy = new ArrayList<>(history);
      List<TrackingEvent> unmapped = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int u = 0; u < count; u++) {
        unmapped.add(generated(null, random.nextInt(lastMinute(history) + 3)));
      }
      noisy.addAll(unmapped);
      Collections.shuffle(noisy, random);

      StatusFold.Result result = StatusFold.fold(noisy);

      assertThat(result.status()).as(() -> describe(noisy)).isEqualTo(without.status());
      assertThat(result.reason()).isEqualTo(without.reason());
      assertThat(result.lastApplied()).isEqualTo(without.lastApplied());
      for (TrackingEvent e : unmapped) {
        assertThat(result.flagsByDedupKey().get(e.dedupKey())).contains(TrackingEvent.FLAG_UNMAPPED)
            .doesNotContain(TrackingEvent.FLAG_AFTER_FINAL);
        flagged++;
      }
    }
    assertThat(flagged).isGreaterThan(3000);
  }

  @Test
  void everyPermutationOfAThousandShortHistoriesFoldsToWhatTheReferenceSays() {
    int histories = 0;
    long permutations = 0;
    while (histories < 1000) {
      List<TrackingEvent> arrived = arrivals(1 + random.nextInt(4), random.nextInt(4));
      if (arrived.size() > 7) {
        continue;
      }
      FoldReference.Outcome expected = FoldReference.run(OrderStatus.CREATED, null, arrived);
      for (List<TrackingEvent> order : permutations(arrived)) {
        assertAgrees(StatusFold.fold(order), expected, order);
        permutations++;
      }
      histories++;
    }
    assertThat(permutations).isGreaterThan(500_000);
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
    int cutsWithEventsOnBothSides = 0;
    for (int n = 0; n < 2000; n++) {
      List<TrackingEvent> history = arrivals(2 + random.nextInt(8), random.nextInt(6));
      StatusFold.Result whole = StatusFold.fold(history);
      for (int m = -1; m <= lastMinute(history); m++) {
        int minute = m;
        Instant cut = at(minute).toInstant();
        List<TrackingEvent> before = history.stream().filter(e -> !e.occurredAt().toInstant().isAfter(cut)).toList();
        List<TrackingEvent> after = history.stream().filter(e -> e.occurredAt().toInstant().isAfter(cut)).toList();
        StatusFold.Result head = StatusFold.fold(before);
        StatusFold.Result resumed = StatusFold.foldFrom(head.status(), head.reason(), after);

        assertThat(resumed.status()).as(() -> describe(history) + " cut after minute " + minute)
            .isEqualTo(whole.status());
        assertThat(resumed.reason()).isEqualTo(whole.reason());
        assertThat(resumed.lastApplied() != null ? resumed.lastApplied() : head.lastApplied())
            .isEqualTo(whole.lastApplied());
        after.forEach(e -> assertThat(resumed.flagsByDedupKey().get(e.dedupKey()))
            .isEqualTo(whole.flagsByDedupKey().get(e.dedupKey())));
        cuts++;
        cutsWithEventsOnBothSides += !before.isEmpty() && !after.isEmpty() ? 1 : 0;
      }
    }
    assertThat(cuts).isGreaterThan(10_000);
    assertThat(cutsWithEventsOnBothSides).isGreaterThan(5_000);
  }

  // Known answers: histories written by hand, with what the fold must say of them.

  @Test
  void noEventsLeaveAnOrderCreated() {
    StatusFold.Result result = StatusFold.fold(List.of());

    assertThat(result.status()).isEqualTo(OrderStatus.CREATED);
    assertThat(result.reason()).isNull();
    assertThat(result.lastApplied()).isNull();
  }

  @Test
  void theCarrierStatusOfEachLifecycleIsItsLastStep() {
    assertThat(StatusFold.fold(oneAMinute(LIFECYCLES[0])).status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(StatusFold.fold(oneAMinute(LIFECYCLES[2])).status()).isEqualTo(OrderStatus.RETURNED);
    assertThat(StatusFold.fold(oneAMinute(LIFECYCLES[4])).status()).isEqualTo(OrderStatus.LOST);
  }

  @Test
  void aConfirmationDatedAfterTheCollectionDoesNotSendTheItemBackToBooked() {
    TrackingEvent collected = event(EventCode.COLLECTED, 10, "collected");
    List<TrackingEvent> history = List.of(event(EventCode.BOOKING_CONFIRMED, 0, "booked"), collected,
        event(EventCode.BOOKING_CONFIRMED, 12, "booked-again"));

    StatusFold.Result result = StatusFold.fold(history);

    assertThat(result.status()).isEqualTo(OrderStatus.COLLECTED);
    assertThat(result.reason()).isEqualTo("reason of collected");
    assertThat(result.lastApplied()).isEqualTo(collected);
    assertThat(result.flagsByDedupKey().get("booked-again")).isEmpty();
  }

  @Test
  void aFailedRoundIsFollowedByTheNextRoundWithinThePhase() {
    List<TrackingEvent> history = List.of(event(EventCode.COLLECTED, 0, "c"),
        event(EventCode.OUT_FOR_DELIVERY, 1, "o1"), event(EventCode.DELIVERY_FAILED, 2, "f"),
        event(EventCode.OUT_FOR_DELIVERY, 3, "o2"));

    assertThat(StatusFold.fold(history).status()).isEqualTo(OrderStatus.OUT_FOR_DELIVERY);
    assertThat(StatusFold.fold(history).reason()).isEqualTo("reason of o2");
  }

  @Test
  void anItemOnItsWayBackIsNotSentOutForDeliveryAgain() {
    List<TrackingEvent> history = List.of(event(EventCode.DELIVERY_FAILED, 0, "f"),
        event(EventCode.RETURN_STARTED, 1, "r"), event(EventCode.OUT_FOR_DELIVERY, 2, "o"));

    assertThat(StatusFold.fold(history).status()).isEqualTo(OrderStatus.RETURNING);
  }

  @Test
  void aDeliveredItemStaysDeliveredAndALaterLossIsFlaggedAfterFinal() {
    TrackingEvent delivered = event(EventCode.DELIVERED, 5, "d");
    List<TrackingEvent> history = List.of(event(EventCode.LOST, 9, "l"), event(EventCode.INFO, 10, "i"),
        delivered, event(EventCode.OUT_FOR_DELIVERY, 3, "o"));

    StatusFold.Result result = StatusFold.fold(history);

    assertThat(result.status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(result.lastApplied()).isEqualTo(delivered);
    assertThat(result.flagsByDedupKey().get("l")).containsExactly(TrackingEvent.FLAG_AFTER_FINAL);
    assertThat(result.flagsByDedupKey().get("i")).isEmpty();
    assertThat(result.flagsByDedupKey().get("o")).isEmpty();
  }

  @Test
  void eventsOfTheSameInstantAreOrderedByTheirPlaceInTheLifecycle() {
    List<TrackingEvent> same = List.of(event(EventCode.DELIVERED, 5, "a"), event(EventCode.OUT_FOR_DELIVERY, 5, "b"),
        event(EventCode.COLLECTED, 5, "c"));

    assertThat(StatusFold.fold(same).status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(StatusFold.history(same).stream().map(TrackingEvent::code))
        .containsExactly(EventCode.COLLECTED, EventCode.OUT_FOR_DELIVERY, EventCode.DELIVERED);
  }

  @Test
  void aFailureAtTheMinuteOfItsRoundEndsAsAFailureWhateverTheKeys() {
    List<TrackingEvent> history = List.of(event(EventCode.DELIVERY_FAILED, 4, "a-failed"),
        event(EventCode.OUT_FOR_DELIVERY, 4, "z-out"));

    assertThat(StatusFold.fold(history).status()).isEqualTo(OrderStatus.DELIVERY_FAILED);
  }

  @Test
  void twoFailuresOfTheSameMinuteKeepTheReasonOfTheGreaterKey() {
    List<TrackingEvent> history = List.of(event(EventCode.DELIVERY_FAILED, 4, "k2"),
        event(EventCode.DELIVERY_FAILED, 4, "k1"));

    assertThat(StatusFold.fold(history).reason()).isEqualTo("reason of k2");
    assertThat(StatusFold.fold(List.of(history.get(1), history.get(0))).reason()).isEqualTo("reason of k2");
  }

  @Test
  void deliveredAndLostAtTheSameMinuteEndDeliveredWithTheLossFlagged() {
    List<TrackingEvent> history = List.of(event(EventCode.LOST, 6, "a"), event(EventCode.DELIVERED, 6, "b"));

    StatusFold.Result result = StatusFold.fold(history);

    assertThat(result.status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(result.flagsByDedupKey().get("a")).containsExactly(TrackingEvent.FLAG_AFTER_FINAL);
  }

  @Test
  void anUnmappedCodeIsFlaggedAndChangesNothing() {
    List<TrackingEvent> history = List.of(event(EventCode.COLLECTED, 0, "c"), event(null, 1, "u"));

    StatusFold.Result result = StatusFold.fold(history);

    assertThat(result.status()).isEqualTo(OrderStatus.COLLECTED);
    assertThat(result.reason()).isEqualTo("reason of c");
    assertThat(result.flagsByDedupKey().get("u")).containsExactly(TrackingEvent.FLAG_UNMAPPED);
  }

  @Test
  void anEventReceivedThreeTimesAppearsOnceInTheTimeline() {
    TrackingEvent collected = event(EventCode.COLLECTED, 1, "c");
    List<TrackingEvent> arrived = List.of(collected, event(EventCode.BOOKING_CONFIRMED, 0, "b"), collected, collected);

    assertThat(keys(StatusFold.history(arrived))).containsExactly("b", "c");
  }

  @Test
  void flagsAnEarlierFoldGaveAreDroppedWhenNoLongerEarnedAndOthersKept() {
    Set<String> stale = Set.of(TrackingEvent.FLAG_UNMAPPED, TrackingEvent.FLAG_AFTER_FINAL, TrackingEvent.FLAG_PARKED);
    List<TrackingEvent> history = List.of(event(EventCode.COLLECTED, 0, "c", stale));

    assertThat(StatusFold.fold(history).flagsByDedupKey().get("c")).containsExactly(TrackingEvent.FLAG_PARKED);
  }

  @Test
  void aResumedFoldStartsFromTheStatusAndReasonItIsGiven() {
    List<TrackingEvent> later = List.of(event(EventCode.BOOKING_CONFIRMED, 20, "b"), event(EventCode.INFO, 21, "i"));

    StatusFold.Result result = StatusFold.foldFrom(OrderStatus.OUT_FOR_DELIVERY, "earlier reason", later);

    assertThat(result.status()).isEqualTo(OrderStatus.OUT_FOR_DELIVERY);
    assertThat(result.reason()).isEqualTo("earlier reason");
    assertThat(result.lastApplied()).isNull();
  }

  // Generated histories.

  /**
   * Events of one item as they may reach us: the first {@code steps} of a real lifecycle, several
   * often at the same minute; then {@code strays} events of any code (or an unmapped one) at any
   * minute up to a little after the end — late, backward, after a final status; some carrying
   * flags an earlier fold gave them; a few received twice or three times; all in any order.
   */
  private List<TrackingEvent> arrivals(int steps, int strays) {
    EventCode[] lifecycle = LIFECYCLES[random.nextInt(LIFECYCLES.length)];
    List<TrackingEvent> events = new ArrayList<>();
    int minute = 0;
    for (int i = 0; i < Math.min(steps, lifecycle.length); i++) {
      minute += random.nextInt(3);
      events.add(generated(lifecycle[i], minute));
    }
    for (int i = 0; i < strays; i++) {
      events.add(generated(anyCode(), random.nextInt(minute + 4)));
    }
    int distinct = events.size();
    int copies = distinct == 0 ? 0 : random.nextInt(4);
    for (int c = 0; c < copies; c++) {
      events.add(events.get(random.nextInt(distinct)));
    }
    Collections.shuffle(events, random);
    return events;
  }

  /** Any code, INFO included, or none (a carrier code not mapped). */
  private EventCode anyCode() {
    int n = random.nextInt(EventCode.values().length + 1);
    return n == EventCode.values().length ? null : EventCode.values()[n];
  }

  /** An event with a key unique to it whose order against other keys is random. */
  private TrackingEvent generated(EventCode code, int minute) {
    String key = (char) ('a' + random.nextInt(26)) + "-" + serial++;
    Set<String> flags = new HashSet<>();
    if (random.nextInt(5) == 0) {
      FLAGS.forEach(f -> {
        if (random.nextBoolean()) {
          flags.add(f);
        }
      });
    }
    return event(code, minute, key, flags);
  }

  private static List<TrackingEvent> oneAMinute(EventCode[] codes) {
    List<TrackingEvent> events = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      events.add(event(codes[i], i, "t" + i));
    }
    return events;
  }

  static TrackingEvent event(EventCode code, int minute, String key) {
    return event(code, minute, key, Set.of());
  }

  static TrackingEvent event(EventCode code, int minute, String key, Set<String> flags) {
    return new TrackingEvent(null, UUID.nameUUIDFromBytes(new byte[] {1}), "EB100000003VN", code,
        code == null ? "99" : code.name(), null, at(minute), at(minute).toInstant(), null, null,
        "reason of " + key, null, null, null, null, null, null, EventSource.POLL, null, key, flags);
  }

  private static OffsetDateTime at(int minute) {
    return OffsetDateTime.ofInstant(Instant.parse("2025-11-24T02:00:00Z").plusSeconds(60L * minute),
        ZoneOffset.ofHours(7));
  }

  private static int lastMinute(List<TrackingEvent> events) {
    Instant start = at(0).toInstant();
    return events.stream().mapToInt(e -> (int) ((e.occurredAt().toInstant().getEpochSecond() - start.getEpochSecond()) / 60))
        .max().orElse(0);
  }

  private static void assertAgrees(StatusFold.Result result, FoldReference.Outcome expected, List<TrackingEvent> arrived) {
    assertThat(result.status()).as(() -> describe(arrived)).isEqualTo(expected.status());
    assertThat(result.reason()).as(() -> describe(arrived)).isEqualTo(expected.reason());
    assertThat(result.lastApplied()).as(() -> describe(arrived)).isEqualTo(expected.lastApplied());
    assertThat(result.flagsByDedupKey()).as(() -> describe(arrived)).isEqualTo(expected.flags());
  }

  private static boolean differs(FoldReference.Outcome a, FoldReference.Outcome b) {
    return a.status() != b.status() || !java.util.Objects.equals(a.reason(), b.reason());
  }

  private static List<String> keys(List<TrackingEvent> events) {
    return events.stream().map(TrackingEvent::dedupKey).toList();
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
    return events.stream().map(e -> e.code() + "@" + e.occurredAt().toLocalTime() + "#" + e.dedupKey()).toList().toString();
  }
}

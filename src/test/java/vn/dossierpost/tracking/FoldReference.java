package vn.dossierpost.tracking;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.dossierpost.order.OrderStatus;

/**
 * The status fold's rules written a second way, for the property tests to check {@link StatusFold}
 * against. It shares no code with it: the history order is a sort key spelled out as text, the
 * phases and final statuses are listed here rather than asked of {@link OrderStatus}, and what an
 * event does is looked up in a table by where the order stands. Only the carrier mapping's data
 * is shared: each {@link EventCode}'s target status and rank.
 */
final class FoldReference {

  /** What one event does to the order. */
  enum Effect { MOVES, NOTHING, BACKWARD_IGNORED, AFTER_FINAL, UNMAPPED }

  /** The journey's phases in order; the last one holds the final statuses. */
  private static final List<Set<OrderStatus>> PHASES = List.of(
      EnumSet.of(OrderStatus.AWAITING_RESULT, OrderStatus.CREATED, OrderStatus.BOOKED,
          OrderStatus.COLLECTION_FAILED),
      EnumSet.of(OrderStatus.COLLECTED, OrderStatus.IN_TRANSIT, OrderStatus.OUT_FOR_DELIVERY,
          OrderStatus.DELIVERY_FAILED, OrderStatus.AWAITING_PICKUP),
      EnumSet.of(OrderStatus.RETURNING),
      EnumSet.of(OrderStatus.BOOKING_FAILED, OrderStatus.DELIVERED, OrderStatus.RETURNED,
          OrderStatus.CANCELLED, OrderStatus.LOST));

  /**
   * Rows: the phase the order is in. Columns: an unmapped code, INFO, then an event leading to
   * phase 0, 1, 2, 3.
   */
  private static final Effect[][] TABLE = {
      {Effect.UNMAPPED, Effect.NOTHING, Effect.MOVES, Effect.MOVES, Effect.MOVES, Effect.MOVES},
      {Effect.UNMAPPED, Effect.NOTHING, Effect.BACKWARD_IGNORED, Effect.MOVES, Effect.MOVES, Effect.MOVES},
      {Effect.UNMAPPED, Effect.NOTHING, Effect.BACKWARD_IGNORED, Effect.BACKWARD_IGNORED, Effect.MOVES, Effect.MOVES},
      {Effect.UNMAPPED, Effect.NOTHING, Effect.AFTER_FINAL, Effect.AFTER_FINAL, Effect.AFTER_FINAL, Effect.AFTER_FINAL}};

  private static final Set<String> EARNED = Set.of(TrackingEvent.FLAG_AFTER_FINAL, TrackingEvent.FLAG_UNMAPPED);

  /**
   * Where the order ends, with the timeline's keys in order and what each event did.
   * {@code flags} has the flags of every event of the timeline.
   */
  record Outcome(OrderStatus status, String reason, TrackingEvent lastApplied,
      Map<String, Set<String>> flags, List<String> timeline, List<Effect> effects) {
  }

  private FoldReference() {
  }

  static int phase(OrderStatus status) {
    for (int p = 0; p < PHASES.size(); p++) {
      if (PHASES.get(p).contains(status)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no phase for " + status);
  }

  static boolean isFinal(OrderStatus status) {
    return phase(status) == PHASES.size() - 1;
  }

  /** Events as they arrived: the first of each key kept, then read in history order. */
  static Outcome run(OrderStatus start, String startReason, List<TrackingEvent> arrived) {
    Set<String> seen = new HashSet<>();
    TreeMap<String, TrackingEvent> byPlace = new TreeMap<>();
    for (TrackingEvent e : arrived) {
      if (seen.add(e.dedupKey())) {
        byPlace.put(place(e), e);
      }
    }
    return walk(start, startReason, new ArrayList<>(byPlace.values()));
  }

  /** Events read in the order given, one at a time. */
  static Outcome walk(OrderStatus start, String startReason, List<TrackingEvent> inOrder) {
    OrderStatus status = start;
    String reason = startReason;
    TrackingEvent lastApplied = null;
    Map<String, Set<String>> flags = new HashMap<>();
    List<String> timeline = new ArrayList<>();
    List<Effect> effects = new ArrayList<>();
    for (TrackingEvent e : inOrder) {
      Effect effect = TABLE[phase(status)][column(e.code())];
      Set<String> own = new TreeSet<>(e.flags());
      own.removeAll(EARNED);
      switch (effect) {
        case MOVES -> {
          status = e.code().target();
          reason = e.reason();
          lastApplied = e;
        }
        case AFTER_FINAL -> own.add(TrackingEvent.FLAG_AFTER_FINAL);
        case UNMAPPED -> own.add(TrackingEvent.FLAG_UNMAPPED);
        default -> {
        }
      }
      flags.put(e.dedupKey(), own);
      timeline.add(e.dedupKey());
      effects.add(effect);
    }
    return new Outcome(status, reason, lastApplied, flags, timeline, effects);
  }

  private static int column(EventCode code) {
    if (code == null) {
      return 0;
    }
    return code.target() == null ? 1 : 2 + phase(code.target());
  }

  /** Microseconds since the epoch, lifecycle rank, key: as text that sorts as the history does. */
  private static String place(TrackingEvent e) {
    long micros = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, e.occurredAt().toInstant());
    int rank = e.code() == null ? 0 : e.code().rank();
    return String.format("%020d %03d %s", micros, rank, e.dedupKey());
  }
}

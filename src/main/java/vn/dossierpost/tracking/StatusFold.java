package vn.dossierpost.tracking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;

/**
 * The status of an order as a pure function of its events: sorted by when they happened, ties
 * broken by lifecycle rank and then by de-duplication key, duplicates ignored; a final status
 * is never left, and no event moves an order back to an earlier phase of its journey
 * ({@link OrderStatus#phase()}). The same set of events gives the same result whatever order it
 * arrived in.
 */
public final class StatusFold {

  /** What is known of each event's position in the history: flags it earned in the fold. */
  public record Result(OrderStatus status, String reason, TrackingEvent lastApplied,
      Map<String, Set<String>> flagsByDedupKey) {
  }

  static final Comparator<TrackingEvent> HISTORY_ORDER = Comparator
      .comparing((TrackingEvent e) -> e.occurredAt().toInstant())
      .thenComparingInt(TrackingEvent::rank)
      .thenComparing(TrackingEvent::dedupKey);

  private StatusFold() {
  }

  public static Result fold(List<TrackingEvent> events) {
    return foldFrom(OrderStatus.CREATED, null, events);
  }

  /** {@link #foldFrom(Leg, OrderStatus, String, List)} for an order whose leg is not known. */
  public static Result foldFrom(OrderStatus start, String startReason, List<TrackingEvent> events) {
    return foldFrom(null, start, startReason, events);
  }

  /**
   * The fold continued from where an earlier one ended: given the status and reason the fold of
   * an order's earlier events gave, and {@code events} that all come after every one of those in
   * the history's order, this is what the fold of the whole history gives (a left fold resumed),
   * and the flags it reports for {@code events} are theirs in the whole history (an event's flags
   * depend only on what came before it). {@code lastApplied} is null when none of
   * {@code events} applied. An adopted event that lacks the proof its step needs on the order's
   * {@code leg} does not apply ({@link AdoptedSteps}).
   */
  public static Result foldFrom(Leg leg, OrderStatus start, String startReason,
      List<TrackingEvent> events) {
    List<TrackingEvent> history = history(events);
    OrderStatus status = start;
    String reason = startReason;
    TrackingEvent lastApplied = null;
    Map<String, Set<String>> flags = new HashMap<>();
    for (TrackingEvent event : history) {
      Set<String> eventFlags = new HashSet<>(event.flags());
      eventFlags.remove(TrackingEvent.FLAG_AFTER_FINAL);
      eventFlags.remove(TrackingEvent.FLAG_UNMAPPED);
      eventFlags.remove(TrackingEvent.FLAG_NEEDS_PROOF);
      if (event.code() == null) {
        eventFlags.add(TrackingEvent.FLAG_UNMAPPED);
      } else if (event.code().target() != null) {
        if (status.isFinal()) {
          eventFlags.add(TrackingEvent.FLAG_AFTER_FINAL);
        } else if (AdoptedSteps.lacksProof(leg, event)) {
          eventFlags.add(TrackingEvent.FLAG_NEEDS_PROOF);
        } else if (event.code().target().phase() >= status.phase()) {
          status = event.code().target();
          reason = event.reason();
          lastApplied = event;
        }
      }
      flags.put(event.dedupKey(), eventFlags);
    }
    return new Result(status, reason, lastApplied, flags);
  }

  /** The history in the order the fold reads it, duplicates removed: what a timeline shows. */
  public static List<TrackingEvent> history(List<TrackingEvent> events) {
    Map<String, TrackingEvent> unique = new LinkedHashMap<>();
    events.forEach(e -> unique.putIfAbsent(e.dedupKey(), e));
    List<TrackingEvent> history = new ArrayList<>(unique.values());
    history.sort(HISTORY_ORDER);
    return history;
  }
}

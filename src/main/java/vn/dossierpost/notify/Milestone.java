package vn.dossierpost.notify;

import java.util.List;
import java.util.Locale;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.StatusFold;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * Where a status change brought an order, as its citizen is told: each milestone of an order
 * is messaged at most once. The fold lets an order move back within a phase, so a re-scan, a
 * carrier record sent again or a manifest scanned again brings it back into a status it had,
 * and to no new milestone. Out for delivery and a failed attempt (a failed collection on a
 * PICKUP leg) come again with each attempt, so they carry its number: an attempt ends with a
 * failure, and failures with nothing between them (one failure recorded twice) end one.
 *
 * @param name    the leg and the status, as {@code delivery.out_for_delivery}
 * @param attempt for a milestone that comes with each attempt, which one (from 1); else 0
 */
record Milestone(String name, int attempt) {

  /** As stored: the name, and the attempt after {@code #} where there is one. */
  String key() {
    return attempt == 0 ? name : name + "#" + attempt;
  }

  /**
   * The milestone of the change to {@code status} caused by the event {@code causeId} of the
   * timeline; with no cause (or one the timeline lacks), of the timeline's end.
   */
  static Milestone of(Leg leg, OrderStatus status, List<TrackingEvent> timeline, Long causeId) {
    String name = leg.name().toLowerCase(Locale.ROOT) + "." + status.name().toLowerCase(Locale.ROOT);
    EventCode failure = failure(leg);
    if (status == failure.target()) {
      return new Milestone(name, Math.max(1, failures(leg, timeline, causeId)));
    }
    if (status == OrderStatus.OUT_FOR_DELIVERY) {
      return new Milestone(name, failures(leg, timeline, causeId) + 1);
    }
    return new Milestone(name, 0);
  }

  /** Failed attempts up to the cause, in the order the fold reads the history. */
  static int failures(Leg leg, List<TrackingEvent> timeline, Long causeId) {
    EventCode failure = failure(leg);
    int failures = 0;
    EventCode previous = null;
    for (TrackingEvent event : StatusFold.history(timeline)) {
      if (event.code() == null || event.code().target() == null) {
        continue;
      }
      if (event.code() == failure && previous != failure) {
        failures++;
      }
      previous = event.code();
      if (causeId != null && causeId.equals(event.id())) {
        break;
      }
    }
    return failures;
  }

  private static EventCode failure(Leg leg) {
    return leg == Leg.PICKUP ? EventCode.COLLECTION_FAILED : EventCode.DELIVERY_FAILED;
  }
}

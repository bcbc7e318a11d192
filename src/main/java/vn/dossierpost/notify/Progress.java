package vn.dossierpost.notify;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.access.Policy;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * What a citizen needs to know about one leg, worked out from its timeline and the office's
 * policy: the basis of both the SMS and the tracking page. Dates are local to Vietnam.
 *
 * @param collectFrom  first day the courier may come for a PICKUP (day of booking if booked
 *                     before 15:00, else the next working day); VNPost's booking answer has no
 *                     time slot, so the window is the office's promise, not the carrier's
 * @param collectTo    the working day after {@code collectFrom}
 * @param appointment  the date for the result the desk gave on receiving the dossier
 * @param reason       why the latest attempt failed, as a fixed category
 * @param attempts     failed attempts so far, counted as {@link Milestone} does (one failure
 *                     recorded twice is one attempt)
 * @param lastAttempt  whether no further attempt will be made (policy's maximum reached)
 * @param retryOn      the next working day after the latest failure
 * @param postOffice   where the item is held, by the carrier's name of the post office
 * @param heldUntil    the last day it is held there (policy's holding days)
 */
public record Progress(
    Leg leg,
    OrderStatus status,
    String dossierCode,
    String itemCode,
    LocalDate collectFrom,
    LocalDate collectTo,
    LocalDate appointment,
    Reasons reason,
    int attempts,
    boolean lastAttempt,
    LocalDate retryOn,
    String postOffice,
    LocalDate heldUntil) {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  public static Progress of(Leg leg, OrderStatus status, String dossierCode, String itemCode,
      OffsetDateTime bookedAt, List<TrackingEvent> timeline, Policy policy) {
    LocalDate collectFrom = null;
    LocalDate collectTo = null;
    if (bookedAt != null) {
      var local = bookedAt.atZoneSameInstant(VIETNAM);
      collectFrom = local.getHour() < 15 && local.getDayOfWeek() != DayOfWeek.SUNDAY
          ? local.toLocalDate() : nextWorkingDay(local.toLocalDate());
      collectTo = nextWorkingDay(collectFrom);
    }
    LocalDate appointment = null;
    TrackingEvent failure = null;
    TrackingEvent held = null;
    EventCode failureCode = leg == Leg.PICKUP ? EventCode.COLLECTION_FAILED : EventCode.DELIVERY_FAILED;
    for (TrackingEvent e : timeline) {
      if (e.details() != null && e.details().getString("appointmentDate") != null) {
        try {
          appointment = LocalDate.parse(e.details().getString("appointmentDate"));
        } catch (java.time.format.DateTimeParseException ignored) {
          // validated on the way in; an odd one is simply not shown
        }
      }
      if (e.code() == failureCode) {
        failure = e;
      } else if (e.code() == EventCode.HELD_FOR_PICKUP) {
        held = e;
      }
    }
    int attempts = Milestone.failures(leg, timeline, null);
    LocalDate retryOn = failure == null ? null
        : nextWorkingDay(failure.occurredAt().atZoneSameInstant(VIETNAM).toLocalDate());
    String postOffice = held != null ? held.locationName() : failure != null ? failure.locationName() : null;
    LocalDate heldUntil = held == null ? null
        : held.occurredAt().atZoneSameInstant(VIETNAM).toLocalDate().plusDays(policy.holdingDays());
    return new Progress(leg, status, dossierCode, itemCode, collectFrom, collectTo, appointment,
        failure == null ? null : Reasons.of(failure.reason()), attempts,
        attempts >= policy.maxAttempts(), retryOn, postOffice, heldUntil);
  }

  /** Post offices deliver Monday to Saturday. */
  static LocalDate nextWorkingDay(LocalDate day) {
    LocalDate next = day.plusDays(1);
    return next.getDayOfWeek() == DayOfWeek.SUNDAY ? next.plusDays(1) : next;
  }
}

package vn.dossierpost.tracking;

import vn.dossierpost.order.OrderStatus;

/**
 * Carrier-neutral event codes (DESIGN §5) with the status each leads to and a rank that breaks
 * ties between events of the same instant in lifecycle order. {@code BOOKING_FAILED} is ours:
 * the carrier refused the booking for good.
 */
public enum EventCode {
  INFO(null, 0),
  /** Ours (D16): a dossier's DELIVERY leg waits for the desk's result, unbooked. */
  RESULT_AWAITED(OrderStatus.AWAITING_RESULT, 1),
  /** Ours (D16): the desk marked the result ready; the leg is to be booked now. */
  RESULT_READY(OrderStatus.CREATED, 2),
  BOOKING_CONFIRMED(OrderStatus.BOOKED, 10),
  BOOKING_FAILED(OrderStatus.BOOKING_FAILED, 11),
  COLLECTION_FAILED(OrderStatus.COLLECTION_FAILED, 20),
  COLLECTED(OrderStatus.COLLECTED, 30),
  ARRIVED_FACILITY(OrderStatus.IN_TRANSIT, 40),
  DEPARTED_FACILITY(OrderStatus.IN_TRANSIT, 45),
  OUT_FOR_DELIVERY(OrderStatus.OUT_FOR_DELIVERY, 50),
  DELIVERY_FAILED(OrderStatus.DELIVERY_FAILED, 60),
  HELD_FOR_PICKUP(OrderStatus.AWAITING_PICKUP, 70),
  DELIVERED(OrderStatus.DELIVERED, 80),
  RETURN_STARTED(OrderStatus.RETURNING, 85),
  RETURNED(OrderStatus.RETURNED, 90),
  CANCELLED(OrderStatus.CANCELLED, 95),
  LOST(OrderStatus.LOST, 99);

  private final OrderStatus target;
  private final int rank;

  EventCode(OrderStatus target, int rank) {
    this.target = target;
    this.rank = rank;
  }

  /** The status this event moves an order to; null for {@code INFO}. */
  public OrderStatus target() {
    return target;
  }

  public int rank() {
    return rank;
  }

  public static EventCode parse(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package vn.dossierpost.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * DESIGN §5. A final status is never left. {@code AWAITING_RESULT}: a dossier's DELIVERY leg
 * stored before its result exists; it is not booked until the desk marks the result ready
 * (D16).
 */
public enum OrderStatus {
  AWAITING_RESULT, CREATED, BOOKED, BOOKING_FAILED, COLLECTED, COLLECTION_FAILED, IN_TRANSIT, OUT_FOR_DELIVERY,
  DELIVERY_FAILED, AWAITING_PICKUP, DELIVERED, RETURNING, RETURNED, CANCELLED, LOST;

  private static final Set<OrderStatus> FINAL =
      EnumSet.of(BOOKING_FAILED, DELIVERED, RETURNED, CANCELLED, LOST);
  private static final Set<OrderStatus> CANCELLABLE = EnumSet.of(AWAITING_RESULT, CREATED, BOOKED, COLLECTION_FAILED);

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** Before the courier has taken custody, the desk may still cancel. */
  public boolean isCancellable() {
    return CANCELLABLE.contains(this);
  }

  /**
   * Where in the journey a status lies: before the courier has the item, while the post has it
   * going forward, on its way back, ended. The fold never moves an order to an earlier phase,
   * so a carrier clock a little behind ours cannot send a collected item back to "booked".
   */
  public int phase() {
    return switch (this) {
      case AWAITING_RESULT, CREATED, BOOKED, COLLECTION_FAILED -> 0;
      case COLLECTED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERY_FAILED, AWAITING_PICKUP -> 1;
      case RETURNING -> 2;
      default -> 3;
    };
  }

  /** Orders in these statuses no longer block a new order for the same dossier and leg. */
  public boolean isEnded() {
    return this == CANCELLED || this == BOOKING_FAILED || this == RETURNED || this == LOST;
  }
}

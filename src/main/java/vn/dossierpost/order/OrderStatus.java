package vn.dossierpost.order;

import java.util.EnumSet;
import java.util.Set;

/** DESIGN §5. A final status is never left. */
public enum OrderStatus {
  CREATED, BOOKED, BOOKING_FAILED, COLLECTED, COLLECTION_FAILED, IN_TRANSIT, OUT_FOR_DELIVERY,
  DELIVERY_FAILED, AWAITING_PICKUP, DELIVERED, RETURNING, RETURNED, CANCELLED, LOST;

  private static final Set<OrderStatus> FINAL =
      EnumSet.of(BOOKING_FAILED, DELIVERED, RETURNED, CANCELLED, LOST);
  private static final Set<OrderStatus> CANCELLABLE = EnumSet.of(CREATED, BOOKED, COLLECTION_FAILED);

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** Before the courier has taken custody, the desk may still cancel. */
  public boolean isCancellable() {
    return CANCELLABLE.contains(this);
  }

  /** Orders in these statuses no longer block a new order for the same dossier and leg. */
  public boolean isEnded() {
    return this == CANCELLED || this == BOOKING_FAILED || this == RETURNED || this == LOST;
  }
}

package vn.dossierpost.tracking;

import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;

/** An order's status moved: {@code order} is as stored after the move. */
public record StatusChange(Order order, OrderStatus from, OrderStatus to, TrackingEvent cause) {
}

package vn.dossierpost.tracking;

import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderStatus;

/**
 * An order's status moved: {@code order} is as stored after the move, {@code cause} the event
 * that moved it, {@code sequence} the change's number for this order (1, 2, …), which the
 * one-stop system can use to put callbacks back in order.
 */
public record StatusChange(Order order, OrderStatus from, OrderStatus to, TrackingEvent cause,
    int sequence) {
}

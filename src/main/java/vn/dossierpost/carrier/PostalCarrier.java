package vn.dossierpost.carrier;

import io.vertx.core.Future;
import java.util.List;

/**
 * What dossier-post needs from a postal carrier. A transient failure (timeout, reset, 5xx,
 * outage) fails the future with {@link CarrierUnavailable}; a refusal for good is an answer.
 */
public interface PostalCarrier {

  /** Books a leg. Calling it again for the same order number never makes a second shipment. */
  Future<Booking> book(Shipment shipment);

  Future<Cancellation> cancel(String orderNumber);

  /** Tracking records published after {@code lastId}, oldest first. */
  Future<TrackingPage> track(String lastId, int pageSize);

  /** The carrier's answer to a booking. */
  sealed interface Booking {
  }

  record Booked(String itemCode) implements Booking {
  }

  record Refused(String code, String reason) implements Booking {
  }

  enum Cancellation {
    CANCELLED, NOT_CANCELLABLE, UNKNOWN
  }

  /** A page of the feed: its records as sent (objects, or whatever else came), and the next cursor. */
  record TrackingPage(List<Object> records, String lastId) {
  }
}

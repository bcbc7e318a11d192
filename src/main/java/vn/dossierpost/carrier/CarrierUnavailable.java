package vn.dossierpost.carrier;

/** The carrier could not be reached or answered with a transient error: try again later. */
public class CarrierUnavailable extends RuntimeException {

  public CarrierUnavailable(String message) {
    super(message, null, false, false);
  }

  /** The circuit is open: nothing was sent. Jobs wait without using up an attempt. */
  public static final class CircuitOpen extends CarrierUnavailable {
    public CircuitOpen() {
      super("carrier circuit open");
    }
  }
}

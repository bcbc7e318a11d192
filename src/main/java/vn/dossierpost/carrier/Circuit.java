package vn.dossierpost.carrier;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker on consecutive transient failures: after {@code threshold} in a row it opens
 * and refuses calls for {@code openFor}; then one probe call is let through, whose outcome closes
 * or re-opens it. Scattered failures (a flaky carrier) never open it; a full outage does at once.
 */
public final class Circuit {

  private static final Logger LOG = LoggerFactory.getLogger(Circuit.class);

  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long openForNanos;
  private int consecutiveFailures;
  private long openUntil;
  private boolean open;
  private boolean probing;

  public Circuit(int threshold, Duration openFor) {
    this.threshold = threshold;
    this.openForNanos = openFor.toNanos();
  }

  /** Whether a call may go out now. In half-open state only one probe at a time may. */
  public synchronized boolean allow() {
    if (!open) {
      return true;
    }
    if (System.nanoTime() - openUntil < 0 || probing) {
      return false;
    }
    probing = true;
    return true;
  }

  public synchronized void success() {
    if (open) {
      LOG.info("event=carrier_circuit_closed");
    }
    consecutiveFailures = 0;
    open = false;
    probing = false;
  }

  public synchronized void failure() {
    consecutiveFailures++;
    if (probing || !open && consecutiveFailures >= threshold) {
      if (!open) {
        LOG.warn("event=carrier_circuit_open consecutive_failures={}", consecutiveFailures);
      }
      open = true;
      openUntil = System.nanoTime() + openForNanos;
    }
    probing = false;
  }

  public synchronized State state() {
    if (!open) {
      return State.CLOSED;
    }
    return System.nanoTime() - openUntil < 0 ? State.OPEN : State.HALF_OPEN;
  }
}

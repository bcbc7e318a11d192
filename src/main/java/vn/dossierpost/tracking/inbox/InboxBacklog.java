package vn.dossierpost.tracking.inbox;

import java.time.Duration;

/**
 * How far behind the event inbox is: how long the oldest message its processor last took had
 * waited (the processor takes the oldest first, so this is the inbox's own age). Past
 * {@code refuseAfter}, group commit refuses new messages with 503 and the carrier sends them
 * again later: the inbox is a bounded queue, in time, even under a carrier that never stops.
 */
public final class InboxBacklog {

  private final long refuseAfterMillis;
  private volatile long lagMillis;

  public InboxBacklog(Duration refuseAfter) {
    this.refuseAfterMillis = refuseAfter.toMillis();
  }

  /** The processor took messages, the oldest of which had waited {@code lagSeconds}. */
  void observed(double lagSeconds) {
    lagMillis = (long) (lagSeconds * 1000);
  }

  public double lagSeconds() {
    return lagMillis / 1000.0;
  }

  /** Whether new messages are refused until the processor catches up. */
  public boolean full() {
    return lagMillis > refuseAfterMillis;
  }

  /** A backlog that never refuses. */
  public static InboxBacklog unbounded() {
    return new InboxBacklog(Duration.ofMillis(Long.MAX_VALUE));
  }
}

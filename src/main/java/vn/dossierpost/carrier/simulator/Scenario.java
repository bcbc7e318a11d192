package vn.dossierpost.carrier.simulator;

/** The lifecycles the simulated carrier puts items through. */
public enum Scenario {
  /** Collected, carried, delivered on the first attempt. */
  CLEAN,
  /** One failed delivery attempt, delivered the next day. */
  ONE_FAILED_ATTEMPT,
  /** Two failed attempts, held at the post office for the holding period, returned to sender. */
  TWO_FAILED_THEN_RETURNED,
  /** The first pickup fails (sender absent); collected the next day, then delivered. */
  PICKUP_FAILED_THEN_COLLECTED,
  /** Lost in transport. */
  LOST;

  /**
   * Chosen deterministically from the seed and the order number, with realistic weights: most
   * items arrive cleanly. A pickup leg may fail its first pickup; others may not.
   */
  public static Scenario choose(long seed, String orderNumber, boolean pickup) {
    long h = seed * 0x9E3779B97F4A7C15L ^ orderNumber.hashCode() * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 29;
    int roll = (int) Math.floorMod(h, 100L);
    if (roll < 60) {
      return CLEAN;
    }
    if (roll < 75) {
      return ONE_FAILED_ATTEMPT;
    }
    if (roll < 85) {
      return TWO_FAILED_THEN_RETURNED;
    }
    if (roll < 95) {
      return pickup ? PICKUP_FAILED_THEN_COLLECTED : ONE_FAILED_ATTEMPT;
    }
    return LOST;
  }
}

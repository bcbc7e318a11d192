package vn.dossierpost.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what each client holds (open connections, requests in progress), shared by every server
 * verticle of the process. A key disappears when its count falls to zero, so the map only holds
 * clients that hold something, bounded by the connections the process has open.
 */
public final class Tally {

  private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();

  public static Tally create() {
    return new Tally();
  }

  /** Takes one for {@code key} unless it already holds {@code max}. */
  boolean tryAcquire(String key, int max) {
    boolean[] taken = {false};
    counts.compute(key, (k, held) -> {
      int now = held == null ? 0 : held;
      if (now >= max) {
        return held;
      }
      taken[0] = true;
      return now + 1;
    });
    return taken[0];
  }

  void release(String key) {
    counts.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
  }

  int held(String key) {
    return counts.getOrDefault(key, 0);
  }
}

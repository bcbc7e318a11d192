package vn.dossierpost.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets by key (an API key id, a client address), held in a bounded LRU map. It guards
 * against floods; it is not needed for correctness, so each process keeps its own.
 */
public final class RateLimiter {

  private final double perSecond;
  private final double burst;
  private final Map<String, double[]> buckets;

  private RateLimiter(int perMinute, int burst, int maxKeys) {
    this.perSecond = perMinute / 60.0;
    this.burst = burst;
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
        return size() > maxKeys;
      }
    };
  }

  public static RateLimiter perMinute(int perMinute, int burst) {
    return new RateLimiter(perMinute, burst, 50_000);
  }

  /** Takes one token; answers 0 when allowed, else the whole seconds to wait. */
  public synchronized long acquire(String key) {
    long now = System.nanoTime();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, now});
    double tokens = Math.min(burst, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
    bucket[1] = now;
    if (tokens >= 1) {
      bucket[0] = tokens - 1;
      return 0;
    }
    bucket[0] = tokens;
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }
}

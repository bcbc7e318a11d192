package vn.dossierpost.carrier.simulator;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What goes wrong at the simulated carrier, on request. Rates are probabilities per request
 * (API faults) or per published record (feed faults).
 */
public record Faults(
    long latencyMs,
    double errorRate,
    double resetRate,
    boolean outage,
    double duplicateRate,
    double delayRate,
    long delayMs,
    double unknownItemRate,
    long tokenTtlSeconds) {

  public static final Faults NONE = new Faults(0, 0, 0, false, 0, 0, 0, 0, 3600);

  public static Faults fromJson(JsonObject json) {
    return new Faults(
        json.getLong("latencyMs", 0L),
        rate(json, "errorRate"),
        rate(json, "resetRate"),
        json.getBoolean("outage", false),
        rate(json, "duplicateRate"),
        rate(json, "delayRate"),
        json.getLong("delayMs", 0L),
        rate(json, "unknownItemRate"),
        json.getLong("tokenTtlSeconds", 3600L));
  }

  private static double rate(JsonObject json, String key) {
    double value = json.getDouble(key, 0.0);
    if (value < 0 || value > 1) {
      throw new IllegalArgumentException(key + " must be between 0 and 1");
    }
    return value;
  }

  public JsonObject toJson() {
    return new JsonObject().put("latencyMs", latencyMs).put("errorRate", errorRate)
        .put("resetRate", resetRate).put("outage", outage).put("duplicateRate", duplicateRate)
        .put("delayRate", delayRate).put("delayMs", delayMs).put("unknownItemRate", unknownItemRate)
        .put("tokenTtlSeconds", tokenTtlSeconds);
  }

  static boolean roll(double rate) {
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }
}

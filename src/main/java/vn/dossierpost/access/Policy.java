package vn.dossierpost.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.dossierpost.geo.Address;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Problems;

/**
 * An office's delivery rules (DOMAIN.md, "unconfirmed: configurable"): failed attempts before
 * return, days held at the post office, end-to-end targets per route type, how long without an
 * event an order counts as stuck, and the postal units that serve the office (collection and
 * delivery): only their couriers may act on its orders.
 */
public record Policy(int maxAttempts, int holdingDays, int innerCityHours, int suburbanHours,
    int islandHours, Set<String> islandCommunes, int stuckAfterHours,
    Set<String> servingPostalUnits) {

  public static final Policy DEFAULT = new Policy(2, 5, 48, 72, 120, Set.of(), 24, Set.of());

  /** The policy's key that lists the serving postal units (couriers' scope is checked on it in SQL). */
  public static final String SERVING_POSTAL_UNITS = "servingPostalUnits";

  /** Where an order goes, for its end-to-end target. */
  public enum RouteType { INNER_CITY, SUBURBAN, ISLAND }

  public static Policy of(JsonObject json) {
    if (json == null || json.isEmpty()) {
      return DEFAULT;
    }
    JsonArray islands = json.getJsonArray("islandCommunes", new JsonArray());
    Set<String> communes = new HashSet<>();
    islands.forEach(c -> communes.add(String.valueOf(c)));
    JsonObject targets = json.getJsonObject("targetHours", new JsonObject());
    Set<String> units = new HashSet<>();
    json.getJsonArray(SERVING_POSTAL_UNITS, new JsonArray()).forEach(u -> units.add(String.valueOf(u)));
    return new Policy(json.getInteger("maxAttempts", DEFAULT.maxAttempts),
        json.getInteger("holdingDays", DEFAULT.holdingDays),
        targets.getInteger("INNER_CITY", DEFAULT.innerCityHours),
        targets.getInteger("SUBURBAN", DEFAULT.suburbanHours),
        targets.getInteger("ISLAND", DEFAULT.islandHours), Set.copyOf(communes),
        json.getInteger("stuckAfterHours", DEFAULT.stuckAfterHours), Set.copyOf(units));
  }

  /** Reads a policy an admin sends; every bad value is named. */
  public static Policy read(JsonObject json) {
    Fields in = Fields.of(json, Set.of("maxAttempts", "holdingDays", "targetHours",
        "islandCommunes", "stuckAfterHours", SERVING_POSTAL_UNITS));
    Long attempts = in.integer("maxAttempts", false, 1, 10);
    Long holding = in.integer("holdingDays", false, 1, 60);
    Long stuck = in.integer("stuckAfterHours", false, 1, 24 * 30);
    Fields targets = in.object("targetHours", false, Set.of("INNER_CITY", "SUBURBAN", "ISLAND"));
    if (targets != null) {
      for (String route : List.of("INNER_CITY", "SUBURBAN", "ISLAND")) {
        targets.integer(route, false, 1, 24 * 60);
      }
    }
    JsonArray islands = in.array("islandCommunes", false, 500);
    if (islands != null) {
      for (int i = 0; i < islands.size(); i++) {
        if (!(islands.getValue(i) instanceof String s) || !s.matches("^\\d{5}$")) {
          in.errors().add(new FieldError("islandCommunes[" + i + "]", "invalid_format",
              "Mã xã/đặc khu gồm đúng 5 chữ số."));
        } else if (vn.dossierpost.geo.AdminUnits.get().commune(s).isEmpty()) {
          in.errors().add(new FieldError("islandCommunes[" + i + "]", "unknown_commune",
              "Không phải mã của một xã, phường, đặc khu hiện hành."));
        }
      }
    }
    JsonArray units = in.array(SERVING_POSTAL_UNITS, false, 100);
    if (units != null) {
      for (int i = 0; i < units.size(); i++) {
        if (!(units.getValue(i) instanceof String s) || !s.matches("^\\d{6}$")) {
          in.errors().add(new FieldError(SERVING_POSTAL_UNITS + "[" + i + "]", "invalid_format",
              "Mã bưu cục gồm đúng 6 chữ số."));
        }
      }
    }
    in.throwIfInvalid();
    JsonObject merged = DEFAULT.toJson().mergeIn(json, true);
    if (attempts == null && holding == null && stuck == null && targets == null && islands == null
        && units == null) {
      throw Problems.validation(List.of(new FieldError("", "empty", "Không có thay đổi nào.")));
    }
    return of(merged);
  }

  /** The route type of a journey between the office's province and the citizen's address. */
  public RouteType route(Address citizen, String officeProvince) {
    if (islandCommunes.contains(citizen.communeCode())) {
      return RouteType.ISLAND;
    }
    return citizen.provinceCode().equals(officeProvince) ? RouteType.INNER_CITY : RouteType.SUBURBAN;
  }

  public Duration target(RouteType route) {
    return Duration.ofHours(switch (route) {
      case INNER_CITY -> innerCityHours;
      case SUBURBAN -> suburbanHours;
      case ISLAND -> islandHours;
    });
  }

  public JsonObject toJson() {
    return new JsonObject().put("maxAttempts", maxAttempts).put("holdingDays", holdingDays)
        .put("targetHours", new JsonObject().put("INNER_CITY", innerCityHours)
            .put("SUBURBAN", suburbanHours).put("ISLAND", islandHours))
        .put("islandCommunes", new JsonArray(List.copyOf(islandCommunes)))
        .put("stuckAfterHours", stuckAfterHours)
        .put(SERVING_POSTAL_UNITS, new JsonArray(servingPostalUnits.stream().sorted().toList()));
  }
}

package vn.dossierpost.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.dossierpost.geo.Address;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Problems;

/**
 * An office's delivery rules (DOMAIN.md, "unconfirmed: configurable"): failed attempts before
 * return, days held at the post office, end-to-end targets per route type in working days
 * (Circular 17, Art. 6; counted on the working-day calendar), how long without an event an order
 * counts as stuck, and the postal units that serve the office (collection and delivery): only
 * their couriers may act on its orders.
 *
 * <p>Targets were clock hours before (key {@code targetHours}); a stored policy or a request that
 * still has them is read as whole days, rounded up ({@code 48} → 2 working days), unless it also
 * names {@code targetWorkingDays}.
 */
public record Policy(int maxAttempts, int holdingDays, int innerCityWorkingDays,
    int suburbanWorkingDays, int islandWorkingDays, Set<String> islandCommunes, int stuckAfterHours,
    Set<String> servingPostalUnits) {

  /** Inner city 1–2 working days → 2, elsewhere 2–3 → 3 (DOMAIN.md); islands 5 (no public figure). */
  public static final Policy DEFAULT = new Policy(2, 5, 2, 3, 5, Set.of(), 24, Set.of());

  static final String TARGETS = "targetWorkingDays";
  static final String OLD_TARGETS = "targetHours";
  private static final List<String> ROUTES = List.of("INNER_CITY", "SUBURBAN", "ISLAND");

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
    JsonObject targets = workingDays(json);
    Set<String> units = new HashSet<>();
    json.getJsonArray(SERVING_POSTAL_UNITS, new JsonArray()).forEach(u -> units.add(String.valueOf(u)));
    return new Policy(json.getInteger("maxAttempts", DEFAULT.maxAttempts),
        json.getInteger("holdingDays", DEFAULT.holdingDays),
        targets.getInteger("INNER_CITY", DEFAULT.innerCityWorkingDays),
        targets.getInteger("SUBURBAN", DEFAULT.suburbanWorkingDays),
        targets.getInteger("ISLAND", DEFAULT.islandWorkingDays), Set.copyOf(communes),
        json.getInteger("stuckAfterHours", DEFAULT.stuckAfterHours), Set.copyOf(units));
  }

  /**
   * The working-day targets of a stored or sent policy, per route: {@code targetWorkingDays}
   * first, else the old {@code targetHours} in whole days rounded up.
   */
  private static JsonObject workingDays(JsonObject json) {
    JsonObject days = new JsonObject();
    JsonObject hours = json.getJsonObject(OLD_TARGETS, new JsonObject());
    JsonObject given = json.getJsonObject(TARGETS, new JsonObject());
    for (String route : ROUTES) {
      if (given.getValue(route) instanceof Number n) {
        days.put(route, n.intValue());
      } else if (hours.getValue(route) instanceof Number n) {
        days.put(route, Math.max(1, (n.intValue() + 23) / 24));
      }
    }
    return days;
  }

  /** Reads a policy an admin sends; every bad value is named. */
  public static Policy read(JsonObject json) {
    Fields in = Fields.of(json, Set.of("maxAttempts", "holdingDays", TARGETS, OLD_TARGETS,
        "islandCommunes", "stuckAfterHours", SERVING_POSTAL_UNITS));
    Long attempts = in.integer("maxAttempts", false, 1, 10);
    Long holding = in.integer("holdingDays", false, 1, 60);
    Long stuck = in.integer("stuckAfterHours", false, 1, 24 * 30);
    Fields targets = in.object(TARGETS, false, Set.copyOf(ROUTES));
    if (targets != null) {
      for (String route : ROUTES) {
        targets.integer(route, false, 1, 60);
      }
    }
    // Still accepted from clients written for clock hours; stored as working days.
    Fields hours = in.object(OLD_TARGETS, false, Set.copyOf(ROUTES));
    if (hours != null) {
      for (String route : ROUTES) {
        hours.integer(route, false, 1, 24 * 60);
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
    JsonObject sent = json.copy();
    JsonObject days = workingDays(sent);
    sent.remove(OLD_TARGETS);
    if (!days.isEmpty()) {
      sent.put(TARGETS, days);
    }
    JsonObject merged = DEFAULT.toJson().mergeIn(sent, true);
    if (attempts == null && holding == null && stuck == null && targets == null && hours == null
        && islands == null && units == null) {
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

  /** The end-to-end target of a route type, in working days after collection or booking. */
  public int targetWorkingDays(RouteType route) {
    return switch (route) {
      case INNER_CITY -> innerCityWorkingDays;
      case SUBURBAN -> suburbanWorkingDays;
      case ISLAND -> islandWorkingDays;
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put("maxAttempts", maxAttempts).put("holdingDays", holdingDays)
        .put(TARGETS, new JsonObject().put("INNER_CITY", innerCityWorkingDays)
            .put("SUBURBAN", suburbanWorkingDays).put("ISLAND", islandWorkingDays))
        .put("islandCommunes", new JsonArray(List.copyOf(islandCommunes)))
        .put("stuckAfterHours", stuckAfterHours)
        .put(SERVING_POSTAL_UNITS, new JsonArray(servingPostalUnits.stream().sorted().toList()));
  }
}

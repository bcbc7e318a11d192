package vn.dossierpost.geo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The 34 provincial-level units in force since 30 April 2026, by their two-digit codes (leading
 * zeros matter), as the shipped catalogue ({@link AdminUnits}) lists them. {@link #name} is the
 * short name labels, pages and the carrier print ({@code Hà Nội}); {@link #officialName} the
 * NSO one ({@code Thành phố Hà Nội}).
 */
public final class Provinces {

  private static final Map<String, String> SHORT_NAMES = shortNames();

  private Provinces() {
  }

  private static Map<String, String> shortNames() {
    Map<String, String> names = new LinkedHashMap<>();
    AdminUnits.get().provinces().forEach((code, p) -> names.put(code, p.shortName()));
    return java.util.Collections.unmodifiableMap(names);
  }

  public static boolean isValid(String code) {
    return code != null && SHORT_NAMES.containsKey(code);
  }

  public static Optional<String> name(String code) {
    return Optional.ofNullable(code == null ? null : SHORT_NAMES.get(code));
  }

  public static Optional<String> officialName(String code) {
    return AdminUnits.get().province(code).map(AdminUnits.Province::name);
  }

  /** Short names by code, in code order. */
  public static Map<String, String> all() {
    return SHORT_NAMES;
  }
}

package vn.dossierpost.order;

import io.vertx.core.json.JsonObject;
import vn.dossierpost.geo.Address;

/** The citizen at the far end of a leg. Personal data: never logged, masked on public pages. */
public record Citizen(String name, String phone, Address address) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("phone", phone).put("address", address.toJson());
  }

  /** {@code Nguyễn Văn An} → {@code Nguyễn V. A.}: family name, then initials. */
  public static String maskedName(String name) {
    String[] parts = name.trim().split("\\s+");
    if (parts.length == 1) {
      return parts[0].isEmpty() ? "" : parts[0].substring(0, parts[0].offsetByCodePoints(0, 1)) + ".";
    }
    StringBuilder sb = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      sb.append(' ').append(parts[i], 0, parts[i].offsetByCodePoints(0, 1)).append('.');
    }
    return sb.toString();
  }
}

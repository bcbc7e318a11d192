package vn.dossierpost.geo;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.Fields;

/**
 * A two-level Vietnamese address (province → commune) with a free street line. Older records
 * may still name a district; it is kept as given.
 */
public record Address(String line, String communeCode, String provinceCode, String district) {

  public static final Set<String> FIELDS = Set.of("line", "communeCode", "provinceCode", "district");
  private static final Pattern COMMUNE = Pattern.compile("^\\d{5}$");
  private static final Pattern PROVINCE = Pattern.compile("^\\d{2}$");

  /** Reads and validates; null when any part is invalid (the errors are in {@code fields}). */
  public static Address read(Fields fields) {
    if (fields == null) {
      return null;
    }
    int before = fields.errors().size();
    String line = fields.text("line", true, 3, 200);
    String commune = fields.code("communeCode", true, COMMUNE,
        "Mã xã/phường gồm đúng 5 chữ số (giữ số 0 ở đầu).");
    String province = fields.code("provinceCode", true, PROVINCE,
        "Mã tỉnh/thành phố gồm đúng 2 chữ số.");
    if (province != null && !Provinces.isValid(province)) {
      fields.error("provinceCode", "unknown_province",
          "Không phải mã của một trong 34 tỉnh, thành phố hiện hành.");
      province = null;
    }
    String district = fields.text("district", false, 2, 100);
    if (fields.errors().size() > before) {
      return null;
    }
    return new Address(line, commune, province, district);
  }

  public String provinceName() {
    return Provinces.name(provinceCode).orElse(provinceCode);
  }

  /** One line for labels and the carrier: street, district if given, province. */
  public String oneLine() {
    StringBuilder sb = new StringBuilder(line);
    if (district != null) {
      sb.append(", ").append(district);
    }
    return sb.append(", ").append(provinceName()).toString();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("line", line).put("communeCode", communeCode)
        .put("provinceCode", provinceCode);
    if (district != null) {
      json.put("district", district);
    }
    return json;
  }
}

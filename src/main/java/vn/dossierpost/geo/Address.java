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
    if (commune != null) {
      checkCommune(fields, commune, province);
    }
    String district = fields.text("district", false, 2, 100);
    if (fields.errors().size() > before) {
      return null;
    }
    return new Address(line, commune, province, district);
  }

  /**
   * The commune must be one of the 3,321 in force and lie in the given province (when that
   * province is itself valid): a wrong pair would send the postman to the wrong end of the
   * country, and the carrier routes on the commune.
   */
  private static void checkCommune(Fields fields, String communeCode, String provinceCode) {
    AdminUnits units = AdminUnits.get();
    var commune = units.commune(communeCode);
    if (commune.isEmpty()) {
      fields.error("communeCode", "unknown_commune",
          "Không phải mã của một xã, phường, đặc khu hiện hành (danh mục từ 30/4/2026).");
    } else if (provinceCode != null && !commune.get().provinceCode().equals(provinceCode)) {
      fields.error("communeCode", "commune_not_in_province",
          commune.get().name() + " (" + communeCode + ") thuộc "
              + Provinces.officialName(commune.get().provinceCode()).orElse("") + ", không thuộc "
              + Provinces.officialName(provinceCode).orElse(provinceCode) + ".");
    }
  }

  /** Short province name ({@code Hà Nội}); the code itself if unknown (an old record). */
  public String provinceName() {
    return Provinces.name(provinceCode).orElse(provinceCode);
  }

  /** NSO commune name with its type ({@code Phường Hoàn Kiếm}); null if the code is not in force. */
  public String communeName() {
    return AdminUnits.get().commune(communeCode).map(AdminUnits.Commune::name).orElse(null);
  }

  /**
   * One line for labels and the carrier: street, commune, district if given, province. The
   * commune is left out when the street line already names it (older records often do).
   */
  public String oneLine() {
    StringBuilder sb = new StringBuilder(line);
    String commune = communeName();
    if (commune != null && !Folding.fold(line).contains(Folding.fold(commune))) {
      sb.append(", ").append(commune);
    }
    if (district != null) {
      sb.append(", ").append(district);
    }
    return sb.append(", ").append(provinceName()).toString();
  }

  public JsonObject toJson() {
    // The names are derived, for pages and people; a request sends only the codes.
    JsonObject json = new JsonObject().put("line", line).put("communeCode", communeCode)
        .put("communeName", communeName()).put("provinceCode", provinceCode)
        .put("provinceName", Provinces.officialName(provinceCode).orElse(null));
    if (district != null) {
      json.put("district", district);
    }
    return json;
  }
}

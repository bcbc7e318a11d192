package vn.dossierpost.geo;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The 34 provincial-level units in force since 1 July 2025 (Resolution 202/2025/QH15), by their
 * two-digit codes. Codes are strings: leading zeros matter.
 */
public final class Provinces {

  private static final Map<String, String> NAMES = new TreeMap<>(Map.ofEntries(
      Map.entry("01", "Hà Nội"), Map.entry("04", "Cao Bằng"), Map.entry("08", "Tuyên Quang"),
      Map.entry("11", "Điện Biên"), Map.entry("12", "Lai Châu"), Map.entry("14", "Sơn La"),
      Map.entry("15", "Lào Cai"), Map.entry("19", "Thái Nguyên"), Map.entry("20", "Lạng Sơn"),
      Map.entry("22", "Quảng Ninh"), Map.entry("24", "Bắc Ninh"), Map.entry("25", "Phú Thọ"),
      Map.entry("31", "Hải Phòng"), Map.entry("33", "Hưng Yên"), Map.entry("37", "Ninh Bình"),
      Map.entry("38", "Thanh Hóa"), Map.entry("40", "Nghệ An"), Map.entry("42", "Hà Tĩnh"),
      Map.entry("44", "Quảng Trị"), Map.entry("46", "Huế"), Map.entry("48", "Đà Nẵng"),
      Map.entry("51", "Quảng Ngãi"), Map.entry("52", "Gia Lai"), Map.entry("56", "Khánh Hòa"),
      Map.entry("66", "Đắk Lắk"), Map.entry("68", "Lâm Đồng"), Map.entry("75", "Đồng Nai"),
      Map.entry("79", "Hồ Chí Minh"), Map.entry("80", "Tây Ninh"), Map.entry("82", "Đồng Tháp"),
      Map.entry("86", "Vĩnh Long"), Map.entry("91", "An Giang"), Map.entry("92", "Cần Thơ"),
      Map.entry("96", "Cà Mau")));

  private Provinces() {
  }

  public static boolean isValid(String code) {
    return code != null && NAMES.containsKey(code);
  }

  public static Optional<String> name(String code) {
    return Optional.ofNullable(NAMES.get(code));
  }

  public static Map<String, String> all() {
    return NAMES;
  }
}

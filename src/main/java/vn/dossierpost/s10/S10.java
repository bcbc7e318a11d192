package vn.dossierpost.s10;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UPU S10 item identifiers: {@code SS NNNNNNNN C CC} — a two-letter service indicator, an
 * eight-digit serial, a check digit and an ISO country code. Stored and encoded without spaces,
 * printed grouped as {@code RR 123 456 785 VN}.
 */
public final class S10 {

  private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};
  private static final Pattern SHAPE = Pattern.compile("^[A-Z]{2}\\d{9}[A-Z]{2}$");

  private S10() {
  }

  /** The check digit of an eight-digit serial. */
  public static int checkDigit(String serial) {
    if (serial.length() != 8) {
      throw new IllegalArgumentException("serial must have 8 digits");
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char c = serial.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("serial must have 8 digits");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 0 : check == 11 ? 5 : check;
  }

  public static boolean isValid(String code) {
    return why(code).isEmpty();
  }

  /** Why a code is not a valid S10 identifier, or empty when it is. */
  public static Optional<String> why(String code) {
    if (code == null || !SHAPE.matcher(code).matches()) {
      return Optional.of("expected 2 letters, 9 digits and 2 letters (13 characters)");
    }
    if (!isServiceIndicatorAllowed(code.substring(0, 2))) {
      return Optional.of("service indicators J*, K*, S*, T*, W* are reserved");
    }
    int expected = checkDigit(code.substring(2, 10));
    if (code.charAt(10) - '0' != expected) {
      return Optional.of("wrong check digit (expected " + expected + ")");
    }
    return Optional.empty();
  }

  public static boolean isServiceIndicatorAllowed(String indicator) {
    if (indicator == null || indicator.length() != 2
        || !Character.isUpperCase(indicator.charAt(0)) || !Character.isUpperCase(indicator.charAt(1))
        || indicator.charAt(0) > 'Z' || indicator.charAt(1) > 'Z') {
      return false;
    }
    return "JKSTW".indexOf(indicator.charAt(0)) < 0;
  }

  /** The full identifier for a service indicator, serial and country. */
  public static String of(String indicator, long serial, String country) {
    if (!isServiceIndicatorAllowed(indicator)) {
      throw new IllegalArgumentException("service indicator not allowed: " + indicator);
    }
    if (serial < 0 || serial > 99_999_999L) {
      throw new IllegalArgumentException("serial out of range: " + serial);
    }
    if (country == null || !country.matches("^[A-Z]{2}$")) {
      throw new IllegalArgumentException("country must be two capital letters");
    }
    String digits = String.format("%08d", serial);
    return indicator + digits + checkDigit(digits) + country;
  }

  /** {@code RR123456785VN} → {@code RR 123 456 785 VN}. */
  public static String grouped(String code) {
    if (code == null || code.length() != 13) {
      return code;
    }
    return code.substring(0, 2) + " " + code.substring(2, 5) + " " + code.substring(5, 8) + " "
        + code.substring(8, 11) + " " + code.substring(11);
  }

  /** Accepts what people type or scanners send: spaces removed, letters upper-cased. */
  public static String normalize(String input) {
    return input == null ? null : input.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Codes assigned by the sender from a range agreed with the carrier (some carriers require
   * it): serials {@code first..last} of one service indicator.
   */
  public record Range(String indicator, long first, long last, String country) {

    public Range {
      if (!isServiceIndicatorAllowed(indicator) || first < 0 || last > 99_999_999L || first > last) {
        throw new IllegalArgumentException("invalid S10 range " + indicator + " " + first + ".." + last);
      }
    }

    public long size() {
      return last - first + 1;
    }

    /** The n-th code of the range (0-based). */
    public String code(long n) {
      if (n < 0 || n >= size()) {
        throw new IllegalArgumentException("range exhausted");
      }
      return S10.of(indicator, first + n, country);
    }
  }
}

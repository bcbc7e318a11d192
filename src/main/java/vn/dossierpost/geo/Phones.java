package vn.dossierpost.geo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Vietnamese phone numbers: parsed with libphonenumber, stored as E.164 (+84…). */
public final class Phones {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private Phones() {
  }

  /** Loads libphonenumber's metadata; call once at start-up, off the event loop. */
  public static void warmUp() {
    toE164("0912345678");
  }

  /** E.164 of a valid Vietnamese number written as 0912345678, +84 912 345 678, 84912345678… */
  public static Optional<String> toE164(String raw) {
    if (raw == null || raw.length() > 32) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(raw, "VN");
      if (!UTIL.isValidNumberForRegion(number, "VN")) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  public static boolean isMobile(String e164) {
    try {
      PhoneNumberType type = UTIL.getNumberType(UTIL.parse(e164, "VN"));
      return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
    } catch (NumberParseException e) {
      return false;
    }
  }

  /** The national form, 0912345678, as carriers and couriers expect it. */
  public static String national(String e164) {
    return e164.startsWith("+84") ? "0" + e164.substring(3) : e164;
  }

  /**
   * {@code 09xx xxx xxx}: what a page, an answer or a log may show. Only the first two digits:
   * the tracking page asks for the last four as its second factor, so the mask keeps none of
   * them (any trailing digit shown would shrink the 10,000 guesses). Same shape for any length.
   */
  public static String masked(String e164) {
    String national = national(e164);
    if (national.length() < 6) {
      return "xxx";
    }
    return national.substring(0, 2) + "xx xxx xxx";
  }

  /**
   * For staff who may see the number anyway (the desk's audit trail): enough of the tail to tell
   * two numbers apart, never shown on the citizen's page, whose second factor is the last four.
   */
  public static String maskedForStaff(String e164) {
    String national = national(e164);
    if (national.length() < 6) {
      return "xxx";
    }
    return national.substring(0, 2) + "xx xxx " + national.substring(national.length() - 3);
  }
}

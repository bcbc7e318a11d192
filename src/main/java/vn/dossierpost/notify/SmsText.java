package vn.dossierpost.notify;

import java.text.Normalizer;

/**
 * SMS text as the networks count it. Status messages go out in Vietnamese without diacritics
 * (DOMAIN.md) so that one message holds 160 GSM-7 characters instead of 70 UCS-2 ones.
 */
public final class SmsText {

  /** One SMS segment of GSM-7 septets. */
  public static final int SEGMENT = 160;

  /** GSM 03.38 basic character set (the part a Vietnamese message can use). */
  private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile(" {2,}");
  /** Characters of the extension table: each costs two septets. */
  private static final String EXTENSION = "^{}\\[~]|€";

  private SmsText() {
  }

  /** Vietnamese without diacritics ("Đã nhận" → "Da nhan"); anything else outside GSM-7 dropped. */
  public static String plain(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isWhitespace(c)) {
        c = ' ';
      }
      if (c < 128 && (BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0)) {
        out.append(c);
      }
    }
    return SPACES.matcher(out).replaceAll(" ").trim();
  }

  /** Septets the text takes, or -1 when a character is not in GSM-7 at all. */
  public static int septets(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) >= 0) {
        n++;
      } else if (EXTENSION.indexOf(c) >= 0) {
        n += 2;
      } else {
        return -1;
      }
    }
    return n;
  }

  /** At most {@code max} characters, cut at a word where possible. */
  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    if (max <= 0) {
      return "";
    }
    int cut = text.lastIndexOf(' ', max);
    return (cut > max / 2 ? text.substring(0, cut) : text.substring(0, max)).trim();
  }
}

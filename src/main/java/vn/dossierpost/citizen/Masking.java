package vn.dossierpost.citizen;

/**
 * How a citizen's name may appear where a link or a log can reach (DOMAIN.md): the family name
 * and initials ("Nguyễn V. A."); the phone is masked by {@link vn.dossierpost.geo.Phones#masked}.
 * And the phone's last four digits, the page's second factor.
 */
public final class Masking {

  private Masking() {
  }

  public static String name(String fullName) {
    if (fullName == null || fullName.isBlank()) {
      return "";
    }
    // Names are stored NFC (the order validator normalises them), so initials are whole letters.
    String[] words = fullName.trim().split(" ");
    StringBuilder out = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      if (!words[i].isEmpty()) {
        out.append(' ').appendCodePoint(words[i].codePointAt(0)).append('.');
      }
    }
    return out.toString();
  }

  /** The last four digits, the second factor a citizen types to see more. */
  public static String lastFour(String phone) {
    String digits = phone == null ? "" : phone.replaceAll("\\D", "");
    return digits.length() < 4 ? digits : digits.substring(digits.length() - 4);
  }
}

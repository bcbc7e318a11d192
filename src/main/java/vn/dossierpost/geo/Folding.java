package vn.dossierpost.geo;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds Vietnamese text for matching: marks removed (so {@code Hòa} and {@code Hoà}, whatever
 * the tone mark's seat, both become {@code hoa}), đ/Đ → d, lower case, inner blanks collapsed.
 */
public final class Folding {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  private Folding() {
  }

  public static String fold(String text) {
    String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    String lower = stripped.replace('đ', 'd').replace('Đ', 'd').toLowerCase(Locale.ROOT);
    return BLANKS.matcher(lower).replaceAll(" ").strip();
  }
}

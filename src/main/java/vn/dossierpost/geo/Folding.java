package vn.dossierpost.geo;

import java.text.Normalizer;

/**
 * Folds Vietnamese text for matching: marks removed (so {@code Hòa} and {@code Hoà}, whatever
 * the tone mark's seat, both become {@code hoa}), đ/Đ → d, lower case, inner blanks collapsed.
 * One pass over the decomposed text, no regular expression: the catalogue folds 3,321 names
 * at start-up.
 */
public final class Folding {

  private Folding() {
  }

  public static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean blank = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
          || type == Character.ENCLOSING_MARK) {
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        blank = out.length() > 0;
        continue;
      }
      if (blank) {
        out.append(' ');
        blank = false;
      }
      out.append(c == 'đ' || c == 'Đ' ? 'd' : Character.toLowerCase(c));
    }
    return out.toString();
  }
}

package vn.dossierpost.label;

import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into a box: wrap at spaces, shrink from the preferred size down to the smallest
 * allowed, and if it still does not fit, end the last line with an ellipsis. Never overflows,
 * never cuts silently.
 */
public final class TextFit {

  public static final String ELLIPSIS = "…";
  static final float LINE_SPACING = 1.2f;
  private static final float STEP = 0.5f;

  /** Lines to draw at one size; {@code truncated} when something had to be left out. */
  public record Fitted(float sizePt, List<String> lines, boolean truncated) {
  }

  private TextFit() {
  }

  public static Fitted fit(LabelFonts fonts, LabelFonts.Face face, String text, float widthPt,
      float heightPt, int maxLines, float maxSizePt, float minSizePt) {
    for (float size = maxSizePt; size >= minSizePt - 1e-3; size -= STEP) {
      int linesThatFit = Math.min(maxLines, (int) Math.floor(heightPt / (size * LINE_SPACING) + 1e-3));
      if (linesThatFit < 1) {
        continue;
      }
      List<String> lines = wrap(fonts, face, size, text, widthPt);
      if (lines.size() <= linesThatFit) {
        return new Fitted(size, lines, false);
      }
    }
    float size = minSizePt;
    int allowed = Math.max(1, Math.min(maxLines,
        (int) Math.floor(heightPt / (size * LINE_SPACING) + 1e-3)));
    List<String> lines = wrap(fonts, face, size, text, widthPt);
    List<String> kept = new ArrayList<>(lines.subList(0, allowed));
    String rest = String.join(" ", lines.subList(allowed - 1, lines.size()));
    kept.set(allowed - 1, ellipsize(fonts, face, size, rest, widthPt));
    return new Fitted(size, kept, true);
  }

  /** Greedy word wrap; a word wider than the box is broken between letters. */
  static List<String> wrap(LabelFonts fonts, LabelFonts.Face face, float size, String text,
      float widthPt) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    float lineWidth = 0;
    float space = fonts.width(face, size, " ");
    for (String word : text.trim().split("\\s+")) {
      float w = fonts.width(face, size, word);
      if (line.length() > 0 && lineWidth + space + w <= widthPt) {
        line.append(' ').append(word);
        lineWidth += space + w;
        continue;
      }
      if (line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
        lineWidth = 0;
      }
      if (w <= widthPt) {
        line.append(word);
        lineWidth = w;
      } else {
        for (int i = 0; i < word.length(); ) {
          int cp = word.codePointAt(i);
          float cw = fonts.advance(face, cp) * size;
          if (lineWidth + cw > widthPt && line.length() > 0) {
            lines.add(line.toString());
            line.setLength(0);
            lineWidth = 0;
          }
          line.appendCodePoint(cp);
          lineWidth += cw;
          i += Character.charCount(cp);
        }
      }
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** The longest start of {@code text} that fits with an ellipsis after it, cut at a word if it can. */
  static String ellipsize(LabelFonts fonts, LabelFonts.Face face, float size, String text,
      float widthPt) {
    float ellipsis = fonts.width(face, size, ELLIPSIS);
    int end = text.length();
    while (end > 0 && fonts.width(face, size, text.substring(0, end)) + ellipsis > widthPt) {
      end = text.offsetByCodePoints(end, -1);
    }
    int space = text.lastIndexOf(' ', end);
    if (space > end / 2) {
      end = space;
    }
    return text.substring(0, end).stripTrailing() + ELLIPSIS;
  }
}

package vn.dossierpost.label;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The bundled label fonts (Noto Sans subsets covering every Vietnamese letter, SIL OFL 1.1,
 * see fonts/OFL.txt). One set of advance widths, read from the font files, places text in
 * every format, so PNG, PDF and ZPL wrap the same words at the same places.
 */
final class LabelFonts {

  /** The two faces labels use. */
  public enum Face { REGULAR, BOLD }

  private final Map<Face, byte[]> files = new EnumMap<>(Face.class);
  private final Map<Face, Font> awt = new EnumMap<>(Face.class);
  private final Map<Face, float[]> advances = new EnumMap<>(Face.class);
  private final java.util.BitSet covered = new java.util.BitSet();

  private LabelFonts() {
  }

  /** Reads the fonts from the class path. Blocking: once, at start-up, off the event loop. */
  public static LabelFonts load() {
    LabelFonts fonts = new LabelFonts();
    fonts.read(Face.REGULAR, "/fonts/NotoSans-Regular-vi.ttf");
    fonts.read(Face.BOLD, "/fonts/NotoSans-Bold-vi.ttf");
    return fonts;
  }

  private void read(Face face, String resource) {
    try (InputStream in = LabelFonts.class.getResourceAsStream(resource)) {
      byte[] bytes = in.readAllBytes();
      files.put(face, bytes);
      awt.put(face, Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes)));
      TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
      CmapLookup cmap = ttf.getUnicodeCmapLookup();
      float unitsPerEm = ttf.getUnitsPerEm();
      float[] table = new float[0x2200];
      int fallback = ttf.getAdvanceWidth(cmap.getGlyphId('?'));
      for (int cp = 0; cp < table.length; cp++) {
        int glyph = cmap.getGlyphId(cp);
        table[cp] = (glyph == 0 ? fallback : ttf.getAdvanceWidth(glyph)) / unitsPerEm;
        if (glyph != 0 && face == Face.REGULAR) {
          covered.set(cp);
        }
      }
      advances.put(face, table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The width of {@code text} in points at {@code sizePt}. */
  public float width(Face face, float sizePt, String text) {
    float[] table = advances.get(face);
    float em = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      em += cp < table.length ? table[cp] : table['?'];
    }
    return em * sizePt;
  }

  /** Advance of one code point, in ems. */
  public float advance(Face face, int codePoint) {
    float[] table = advances.get(face);
    return codePoint < table.length ? table[codePoint] : table['?'];
  }

  public byte[] file(Face face) {
    return files.get(face);
  }

  public Font awt(Face face) {
    return awt.get(face);
  }

  /** Whether the bundled fonts draw this code point (else it prints as '?'). */
  public boolean covers(int codePoint) {
    return codePoint >= 0 && covered.get(codePoint);
  }

  /** The text with every code point the fonts cannot draw replaced by '?'. */
  public String printable(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!covers(cp)) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(covers(c) ? c : '?'));
        return sb.toString();
      }
      i += Character.charCount(cp);
    }
    return text;
  }
}

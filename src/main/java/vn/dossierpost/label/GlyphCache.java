package vn.dossierpost.label;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Glyphs rasterised once per face, pixel size and code point, kept as packed 1-bit ink so that
 * drawing text is a handful of byte shifts per row. Java2D is used only to fill the cache.
 */
final class GlyphCache {

  /** Packed ink of one glyph and where it sits relative to the pen on the baseline. */
  record Glyph(byte[] ink, int rowBytes, int width, int height, int left, int top) {
  }

  private static final FontRenderContext FRC = new FontRenderContext(null, false, false);
  private static final int MAX_SIZES = 400;

  private static final int CODE_POINTS = 0x2200;

  private final LabelFonts fonts;
  /** Per face and size (in 1/16 px), glyphs by code point; filled as they are first drawn. */
  private final ConcurrentHashMap<Integer, Glyph[]> tables = new ConcurrentHashMap<>();

  GlyphCache(LabelFonts fonts) {
    this.fonts = fonts;
  }

  /** The glyphs of one face at one size: look it up once per line of text. */
  Glyph[] table(LabelFonts.Face face, float sizePx) {
    int key = face.ordinal() << 24 | Math.round(sizePx * 16);
    Glyph[] table = tables.get(key);
    if (table == null) {
      if (tables.size() > MAX_SIZES) {
        tables.clear();
      }
      table = tables.computeIfAbsent(key, k -> new Glyph[CODE_POINTS]);
    }
    return table;
  }

  /** A glyph from a table, rendered on first use (a racing second render is harmless). */
  Glyph glyph(Glyph[] table, LabelFonts.Face face, float sizePx, int codePoint) {
    int cp = codePoint < CODE_POINTS ? codePoint : '?';
    Glyph glyph = table[cp];
    if (glyph == null) {
      glyph = render(face, sizePx, cp);
      table[cp] = glyph;
    }
    return glyph;
  }

  private Glyph render(LabelFonts.Face face, float sizePx, int codePoint) {
    Font font = fonts.awt(face).deriveFont(sizePx);
    int cp = fonts.covers(codePoint) ? codePoint : '?';
    GlyphVector vector = font.createGlyphVector(FRC, new String(Character.toChars(cp)));
    Rectangle bounds = vector.getPixelBounds(FRC, 0, 0);
    if (bounds.width <= 0 || bounds.height <= 0) {
      return new Glyph(new byte[0], 0, 0, 0, 0, 0);
    }
    BufferedImage image = new BufferedImage(bounds.width, bounds.height, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, bounds.width, bounds.height);
      g.setColor(Color.BLACK);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
      g.drawGlyphVector(vector, -bounds.x, -bounds.y);
    } finally {
      g.dispose();
    }
    byte[] packed = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int rowBytes = (bounds.width + 7) >>> 3;
    byte[] ink = new byte[packed.length];
    for (int i = 0; i < packed.length; i++) {
      ink[i] = (byte) ~packed[i];
    }
    int padBits = rowBytes * 8 - bounds.width;
    if (padBits > 0) {
      int mask = (0xFF << padBits) & 0xFF;
      for (int r = 0; r < bounds.height; r++) {
        ink[r * rowBytes + rowBytes - 1] &= (byte) mask;
      }
    }
    return new Glyph(ink, rowBytes, bounds.width, bounds.height, bounds.x, bounds.y);
  }
}

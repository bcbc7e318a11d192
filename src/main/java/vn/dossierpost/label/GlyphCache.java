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
  private static final int MAX_ENTRIES = 50_000;

  private final LabelFonts fonts;
  private final ConcurrentHashMap<Long, Glyph> cache = new ConcurrentHashMap<>();

  GlyphCache(LabelFonts fonts) {
    this.fonts = fonts;
  }

  Glyph glyph(LabelFonts.Face face, float sizePx, int codePoint) {
    long key = ((long) face.ordinal() << 52) | ((long) Math.round(sizePx * 16) << 24) | codePoint;
    Glyph glyph = cache.get(key);
    if (glyph == null) {
      glyph = render(face, sizePx, codePoint);
      if (cache.size() < MAX_ENTRIES) {
        cache.put(key, glyph);
      }
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

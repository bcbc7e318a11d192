package vn.dossierpost.label;

/**
 * Draws a composed label into a {@link BitRaster} at a given resolution: rules, bars and QR
 * modules as whole-pixel rectangles, text from the glyph cache. Bar and QR modules are whole
 * pixels wide, never under 0.33 mm.
 */
public final class RasterRenderer {

  private final LabelFonts fonts;
  private final GlyphCache glyphs;

  public RasterRenderer(LabelFonts fonts) {
    this.fonts = fonts;
    this.glyphs = new GlyphCache(fonts);
  }

  public BitRaster render(Composed label, int dpi) {
    float s = dpi / 25.4f;
    BitRaster raster = new BitRaster(Math.round(label.widthMm() * s), Math.round(label.heightMm() * s));
    draw(raster, label, s);
    return raster;
  }

  /** A PNG of the label, drawn into a raster this thread reuses (no 150 KB garbage per label). */
  public byte[] png(Composed label, int dpi) {
    float s = dpi / 25.4f;
    int width = Math.round(label.widthMm() * s);
    int height = Math.round(label.heightMm() * s);
    BitRaster raster = SCRATCH.get();
    if (raster == null || raster.width() != width || raster.height() != height) {
      raster = new BitRaster(width, height);
      SCRATCH.set(raster);
    } else {
      raster.clear();
    }
    draw(raster, label, s);
    return PngEncoder.encode(raster, dpi);
  }

  private static final ThreadLocal<BitRaster> SCRATCH = new ThreadLocal<>();

  private void draw(BitRaster raster, Composed label, float s) {
    for (Composed.Mark m : label.marks()) {
      if (m instanceof Composed.Rule r) {
        int x0 = Math.round(r.x() * s);
        int y0 = Math.round(r.y() * s);
        raster.fill(x0, y0, Math.max(1, Math.round((r.x() + r.w()) * s) - x0),
            Math.max(1, Math.round((r.y() + r.h()) * s) - y0));
      } else if (m instanceof Composed.TextRun t) {
        text(raster, t, s);
      } else if (m instanceof Composed.Bars b) {
        bars(raster, b, s);
      } else if (m instanceof Composed.QrCode q) {
        qr(raster, q, s);
      }
    }
  }

  /** Whole-pixel module width: the layout's width rounded, never under 0.33 mm. */
  static int modulePx(float moduleMm, float pxPerMm) {
    return Math.max(Math.round(moduleMm * pxPerMm),
        (int) Math.ceil(LabelLayout.MIN_MODULE_MM * pxPerMm - 1e-4));
  }

  private void bars(BitRaster raster, Composed.Bars b, float s) {
    int module = modulePx(b.moduleMm(), s);
    int total = (b.modules().length + 2 * b.quietZone()) * module;
    int area = Math.round(b.w() * s);
    if (total > area) {
      throw new IllegalStateException("barcode " + b.content() + " does not fit its area at "
          + Math.round(s * 25.4f) + " dpi");
    }
    int x = Math.round(b.x() * s) + (area - total) / 2 + b.quietZone() * module;
    int y = Math.round(b.y() * s);
    int h = Math.round(b.h() * s);
    DarkRuns.forEach(b.modules(),
        (start, length) -> raster.fill(x + start * module, y, length * module, h));
  }

  private void qr(BitRaster raster, Composed.QrCode q, float s) {
    boolean[][] modules = q.modules();
    int n = modules.length;
    int size = Math.round(q.size() * s);
    int module = size / (n + 8);
    int offset = (size - n * module) / 2;
    int x0 = Math.round(q.x() * s) + offset;
    int y0 = Math.round(q.y() * s) + offset;
    for (int row = 0; row < n; row++) {
      int y = y0 + row * module;
      DarkRuns.forEach(modules[row],
          (start, length) -> raster.fill(x0 + start * module, y, length * module, module));
    }
  }

  private void text(BitRaster raster, Composed.TextRun t, float s) {
    float sizePx = t.sizePt() * LabelComposer.MM_PER_PT * s;
    float pen = t.x() * s;
    int baseline = Math.round(t.baseline() * s);
    String text = t.text();
    GlyphCache.Glyph[] table = glyphs.table(t.face(), sizePx);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp != ' ') {
        GlyphCache.Glyph g = glyphs.glyph(table, t.face(), sizePx, cp);
        if (g.width() > 0) {
          raster.blit(g.ink(), g.rowBytes(), g.width(), g.height(), Math.round(pen) + g.left(),
              baseline + g.top());
        }
      }
      pen += fonts.advance(t.face(), cp) * sizePx;
    }
  }
}

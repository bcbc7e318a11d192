package vn.dossierpost.label;

import java.util.HexFormat;
import java.util.List;

/**
 * ZPL II for thermal printers. A batch downloads the bundled TrueType fonts once ({@code ~DU}),
 * then each label selects UTF-8 ({@code ^CI28}) and prints text in those fonts (printer fonts
 * lack letters such as "ễ"), the item code with {@code ^BC} in automatic mode and the link with
 * {@code ^BQ}. Every piece of field data goes through {@code ^FH} with {@code _}, {@code ^} and
 * {@code ~} hex-escaped, so user text cannot inject commands.
 */
public final class ZplRenderer {

  static final String REGULAR = "R:DPNOTO.FNT";
  static final String BOLD = "R:DPNOTOB.FNT";

  private final LabelFonts fonts;
  private final String fontDownload;

  public ZplRenderer(LabelFonts fonts) {
    this.fonts = fonts;
    this.fontDownload = download(REGULAR, fonts.file(LabelFonts.Face.REGULAR))
        + download(BOLD, fonts.file(LabelFonts.Face.BOLD));
  }

  /** A batch: the fonts once, then one format per label. */
  public String render(List<Composed> labels, int dpi) {
    StringBuilder zpl = new StringBuilder(fontDownload.length() + labels.size() * 2048);
    zpl.append(fontDownload);
    for (Composed label : labels) {
      label(zpl, label, dpi);
    }
    return zpl.toString();
  }

  /** One label's format, without the font download: what the benchmark counts per label. */
  public void label(StringBuilder zpl, Composed label, int dpi) {
    float s = dpi / 25.4f;
    zpl.append("^XA\n^CI28\n^PW").append(Math.round(label.widthMm() * s))
        .append("\n^LL").append(Math.round(label.heightMm() * s))
        .append("\n^LH0,0\n^CWA,").append(REGULAR).append("\n^CWB,").append(BOLD).append('\n');
    for (Composed.Mark m : label.marks()) {
      if (m instanceof Composed.Rule r) {
        int x = Math.round(r.x() * s);
        int y = Math.round(r.y() * s);
        int w = Math.max(1, Math.round((r.x() + r.w()) * s) - x);
        int h = Math.max(1, Math.round((r.y() + r.h()) * s) - y);
        zpl.append("^FO").append(x).append(',').append(y).append("^GB").append(w).append(',')
            .append(h).append(',').append(Math.min(w, h)).append("^FS\n");
      } else if (m instanceof Composed.TextRun t) {
        int height = Math.round(t.sizePt() * LabelComposer.MM_PER_PT * s);
        zpl.append("^FT").append(Math.round(t.x() * s)).append(',').append(Math.round(t.baseline() * s))
            .append("^A").append(t.face() == LabelFonts.Face.BOLD ? 'B' : 'A').append("N,")
            .append(height).append(',').append(height).append("^FH^FD");
        escape(zpl, t.text());
        zpl.append("^FS\n");
      } else if (m instanceof Composed.Bars b) {
        int module = RasterRenderer.modulePx(b.moduleMm(), s);
        int total = (b.modules().length + 2 * b.quietZone()) * module;
        int x = Math.round(b.x() * s) + (Math.round(b.w() * s) - total) / 2 + b.quietZone() * module;
        int h = Math.round(b.h() * s);
        zpl.append("^FO").append(x).append(',').append(Math.round(b.y() * s)).append("^BY")
            .append(module).append("^BCN,").append(h).append(",N,N,N,A^FH^FD");
        escape(zpl, b.content());
        zpl.append("^FS\n");
      } else if (m instanceof Composed.QrCode q) {
        int n = Barcodes.qrSize(q.content());
        int size = Math.round(q.size() * s);
        int magnification = Math.max(1, Math.min(10, size / (n + 8)));
        int offset = (size - n * magnification) / 2;
        zpl.append("^FO").append(Math.round(q.x() * s) + offset).append(',')
            .append(Math.round(q.y() * s) + offset).append("^BQN,2,").append(magnification)
            .append("^FH^FDMA,");
        escape(zpl, q.content());
        zpl.append("^FS\n");
      }
    }
    zpl.append("^PQ1\n^XZ\n");
  }

  /** {@code ^FH} escaping: the indicator itself and both command prefixes as hex. */
  static void escape(StringBuilder zpl, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '_' -> zpl.append("_5F");
        case '^' -> zpl.append("_5E");
        case '~' -> zpl.append("_7E");
        case '\n', '\r' -> zpl.append(' ');
        default -> zpl.append(c);
      }
    }
  }

  private static String download(String name, byte[] ttf) {
    return "~DU" + name + "," + ttf.length + "," + HexFormat.of().withUpperCase().formatHex(ttf) + "\n";
  }
}

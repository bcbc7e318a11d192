package vn.dossierpost.label;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything needed to render labels, loaded once: fonts, layouts, composer and renderers.
 * Pure: no I/O after construction, safe to share between threads.
 */
public final class Labels {

  public enum Media { THERMAL, A4 }

  private final LabelFonts fonts;
  private final LabelComposer composer;
  private final RasterRenderer raster;
  private final PdfRenderer pdf;
  private final ZplRenderer zpl;
  private final LabelLayout thermal;
  private final LabelLayout.Sheet a4;

  private Labels(LabelFonts fonts) {
    this.fonts = fonts;
    this.composer = new LabelComposer(fonts);
    this.raster = new RasterRenderer(fonts);
    this.pdf = new PdfRenderer(fonts);
    this.zpl = new ZplRenderer(fonts);
    this.thermal = LabelLayout.load("thermal-100x150");
    this.a4 = LabelLayout.loadSheet("a4-4up");
  }

  /** Blocking (reads fonts and layouts): at start-up, on a worker thread. */
  public static Labels load() {
    return new Labels(LabelFonts.load());
  }

  LabelFonts fonts() {
    return fonts;
  }

  LabelComposer composer() {
    return composer;
  }

  PdfRenderer pdf() {
    return pdf;
  }

  Composed compose(LabelData data) {
    return composer.compose(thermal, data);
  }

  /** One label or many, as one document. PNG is one thermal label; PDF and ZPL take many. */
  Rendered render(List<LabelData> data, LabelFormat format, Media media, int dpi,
      String name) {
    return switch (format) {
      case PNG -> {
        if (data.size() != 1) {
          throw new IllegalArgumentException("a PNG holds one label");
        }
        yield new Rendered(raster.png(compose(data.get(0)), dpi), format.contentType(), name + ".png");
      }
      case PDF -> new Rendered(pdf.render(pages(data, media), "Nhãn bưu gửi " + name),
          format.contentType(), name + ".pdf");
      case ZPL -> {
        List<Composed> labels = new ArrayList<>(data.size());
        data.forEach(d -> labels.add(compose(d)));
        yield new Rendered(zpl.render(labels, dpi).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            format.contentType(), name + ".zpl");
      }
    };
  }

  private List<Composed> pages(List<LabelData> data, Media media) {
    if (media == Media.A4) {
      return composer.sheets(a4, data);
    }
    List<Composed> pages = new ArrayList<>(data.size());
    data.forEach(d -> pages.add(compose(d)));
    return pages;
  }

  RasterRenderer raster() {
    return raster;
  }

  ZplRenderer zpl() {
    return zpl;
  }
}

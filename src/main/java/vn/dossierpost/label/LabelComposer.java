package vn.dossierpost.label;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lays a label out: fits every text into its box, encodes the barcodes, and turns boxes and
 * lines into rules. Pure and deterministic: the same layout and data give the same marks.
 */
public final class LabelComposer {

  static final float MM_PER_PT = 25.4f / 72f;
  /** Distance from the top of a line box to its baseline, in ems. */
  static final float BASELINE = 0.98f;

  private final LabelFonts fonts;
  /** Fitted texts by box and value: office blocks and captions repeat on every label. */
  private final Map<FitKey, TextFit.Fitted> fits = new ConcurrentHashMap<>();

  private record FitKey(LabelFonts.Face face, String text, float w, float h, int maxLines,
      float size, float minSize) {
  }

  public LabelComposer(LabelFonts fonts) {
    this.fonts = fonts;
  }

  public LabelFonts fonts() {
    return fonts;
  }

  public Composed compose(LabelLayout layout, LabelData data) {
    List<Composed.Mark> marks = new ArrayList<>();
    for (LabelLayout.Element e : layout.elements()) {
      if (e instanceof LabelLayout.Text t) {
        String value = t.text() != null ? t.text() : data.get(t.field());
        if (value != null && !value.isBlank()) {
          text(marks, t, fonts.printable(value));
        }
      } else if (e instanceof LabelLayout.Box b) {
        float s = b.stroke();
        marks.add(new Composed.Rule(b.x(), b.y(), b.w(), s));
        marks.add(new Composed.Rule(b.x(), b.y() + b.h() - s, b.w(), s));
        marks.add(new Composed.Rule(b.x(), b.y(), s, b.h()));
        marks.add(new Composed.Rule(b.x() + b.w() - s, b.y(), s, b.h()));
      } else if (e instanceof LabelLayout.Line l) {
        float s = l.stroke();
        marks.add(l.y1() == l.y2()
            ? new Composed.Rule(Math.min(l.x1(), l.x2()), l.y1() - s / 2, Math.abs(l.x2() - l.x1()), s)
            : new Composed.Rule(l.x1() - s / 2, Math.min(l.y1(), l.y2()), s, Math.abs(l.y2() - l.y1())));
      } else if (e instanceof LabelLayout.Code128 c) {
        String value = data.get(c.field());
        if (value != null) {
          marks.add(new Composed.Bars(c.x(), c.y(), c.w(), c.h(), c.module(), c.quietZone(),
              Barcodes.code128(value), value));
        }
      } else if (e instanceof LabelLayout.Qr q) {
        String value = data.get(q.field());
        if (value != null) {
          marks.add(new Composed.QrCode(q.x(), q.y(), q.size(), new Barcodes.Qr(value)));
        }
      }
    }
    return new Composed(layout.widthMm(), layout.heightMm(), marks);
  }

  /** Several labels on sheets: one Composed per sheet, with cut marks between the slots. */
  public List<Composed> sheets(LabelLayout.Sheet sheet, List<LabelData> labels) {
    List<Composed> pages = new ArrayList<>();
    int perSheet = sheet.slots().size();
    for (int start = 0; start < labels.size(); start += perSheet) {
      List<Composed.Mark> marks = new ArrayList<>();
      for (int i = 0; i < perSheet && start + i < labels.size(); i++) {
        float[] slot = sheet.slots().get(i);
        marks.addAll(compose(sheet.label(), labels.get(start + i)).shifted(slot[0], slot[1]));
      }
      if (sheet.cutMarks()) {
        cutMarks(marks, sheet);
      }
      pages.add(new Composed(sheet.widthMm(), sheet.heightMm(), marks));
    }
    return pages;
  }

  private static void cutMarks(List<Composed.Mark> marks, LabelLayout.Sheet sheet) {
    float t = 0.15f;
    float len = 4f;
    for (float[] slot : sheet.slots()) {
      float x2 = slot[0] + sheet.label().widthMm();
      float y2 = slot[1] + sheet.label().heightMm();
      if (x2 < sheet.widthMm() - 1) {
        marks.add(new Composed.Rule(x2 - t / 2, slot[1], t, len));
        marks.add(new Composed.Rule(x2 - t / 2, y2 - len, t, len));
      }
      if (y2 < sheet.heightMm() - 1) {
        marks.add(new Composed.Rule(slot[0], y2 - t / 2, len, t));
        marks.add(new Composed.Rule(x2 - len, y2 - t / 2, len, t));
      }
    }
  }

  /** Fits {@code value} into the text box {@code t} and adds its lines to {@code marks}. */
  void text(List<Composed.Mark> marks, LabelLayout.Text t, String value) {
    FitKey key = new FitKey(t.face(), value, t.w(), t.h(), t.maxLines(), t.size(), t.minSize());
    TextFit.Fitted fitted = fits.get(key);
    if (fitted == null) {
      fitted = TextFit.fit(fonts, t.face(), value, t.w() / MM_PER_PT, t.h() / MM_PER_PT,
          t.maxLines(), t.size(), t.minSize());
      if (fits.size() > 20_000) {
        fits.clear();
      }
      fits.put(key, fitted);
    }
    float sizeMm = fitted.sizePt() * MM_PER_PT;
    float lineMm = sizeMm * TextFit.LINE_SPACING;
    float baseline = t.y() + sizeMm * BASELINE;
    for (String line : fitted.lines()) {
      float width = fonts.width(t.face(), fitted.sizePt(), line) * MM_PER_PT;
      float x = switch (t.align()) {
        case LEFT -> t.x();
        case CENTER -> t.x() + (t.w() - width) / 2;
        case RIGHT -> t.x() + t.w() - width;
      };
      marks.add(new Composed.TextRun(x, baseline, fitted.sizePt(), t.face(), line));
      baseline += lineMm;
    }
  }
}

package vn.dossierpost.label;

import java.util.ArrayList;
import java.util.List;

/**
 * A label (or a sheet of labels) laid out: positioned marks in millimetres, from the top-left
 * corner. Renderers only draw these four kinds of mark, each in its own medium.
 */
record Composed(float widthMm, float heightMm, List<Mark> marks) {

  public sealed interface Mark permits TextRun, Rule, Bars, QrCode {
  }

  /** One line of text; {@code baseline} is the y of its baseline. */
  public record TextRun(float x, float baseline, float sizePt, LabelFonts.Face face, String text)
      implements Mark {
  }

  /** A filled rectangle: borders and lines. */
  public record Rule(float x, float y, float w, float h) implements Mark {
  }

  /** Code 128 modules to centre in an area that includes the quiet zones. */
  public record Bars(float x, float y, float w, float h, float moduleMm, int quietZone,
      boolean[] modules, String content) implements Mark {
  }

  /**
   * A QR code in a square; the renderer keeps a 4-module quiet zone inside it. The modules are
   * encoded on first use: a ZPL printer draws the symbol itself and never needs them.
   */
  public record QrCode(float x, float y, float size, Barcodes.Qr symbol) implements Mark {
    public boolean[][] modules() {
      return symbol.modules();
    }

    public String content() {
      return symbol.content();
    }
  }

  /** The same marks moved by (dx, dy): a label placed on a sheet. */
  public List<Mark> shifted(float dx, float dy) {
    List<Mark> moved = new ArrayList<>(marks.size());
    for (Mark m : marks) {
      if (m instanceof TextRun t) {
        moved.add(new TextRun(t.x() + dx, t.baseline() + dy, t.sizePt(), t.face(), t.text()));
      } else if (m instanceof Rule r) {
        moved.add(new Rule(r.x() + dx, r.y() + dy, r.w(), r.h()));
      } else if (m instanceof Bars b) {
        moved.add(new Bars(b.x() + dx, b.y() + dy, b.w(), b.h(), b.moduleMm(), b.quietZone(),
            b.modules(), b.content()));
      } else if (m instanceof QrCode q) {
        moved.add(new QrCode(q.x() + dx, q.y() + dy, q.size(), q.symbol()));
      }
    }
    return moved;
  }
}

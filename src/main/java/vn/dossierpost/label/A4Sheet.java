package vn.dossierpost.label;

import java.util.List;
import vn.dossierpost.label.LabelFonts.Face;
import vn.dossierpost.label.LabelLayout.Align;

/** What the A4 handover records (desk → post, post → desk) draw alike: text and the signature boxes. */
final class A4Sheet {

  private A4Sheet() {
  }

  /** Text fitted into its box, as many lines as the box holds at that size. */
  static void text(LabelComposer composer, List<Composed.Mark> m, float x, float y, float w,
      float h, Face face, float size, Align align, String value) {
    composer.text(m, new LabelLayout.Text(null, value, x, y, w, h, face, size,
        Math.min(size, 6), Math.max(1, (int) (h / (size * LabelComposer.MM_PER_PT * TextFit.LINE_SPACING))),
        align), composer.fonts().printable(value));
  }

  /** Two framed boxes side by side for the two parties' signatures, each with its title. */
  static void signatures(LabelComposer composer, List<Composed.Mark> m, float boxY, float height,
      String left, String right) {
    for (int side = 0; side < 2; side++) {
      float x = side == 0 ? 10 : 110;
      m.add(new Composed.Rule(x, boxY, 90, 0.3f));
      m.add(new Composed.Rule(x, boxY + height, 90, 0.3f));
      m.add(new Composed.Rule(x, boxY, 0.3f, height));
      m.add(new Composed.Rule(x + 90 - 0.3f, boxY, 0.3f, height));
      text(composer, m, x, boxY + 2, 90, 5, Face.BOLD, 10, Align.CENTER, side == 0 ? left : right);
      text(composer, m, x, boxY + 7.5f, 90, 4.5f, Face.REGULAR, 8.5f, Align.CENTER, "(Ký, ghi rõ họ tên)");
    }
  }
}

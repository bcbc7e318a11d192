package vn.dossierpost.label;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Draws composed pages into one PDF: bars and QR modules as vector rectangles (sharp at any
 * printer resolution), text in the bundled font, embedded as a subset of the glyphs used.
 */
public final class PdfRenderer {

  private static final float PT_PER_MM = 72f / 25.4f;

  private final LabelFonts fonts;

  public PdfRenderer(LabelFonts fonts) {
    this.fonts = fonts;
  }

  public byte[] render(List<Composed> pages, String title) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(title);
      info.setProducer("dossier-post");
      Map<LabelFonts.Face, PDType0Font> pdfFonts = new EnumMap<>(LabelFonts.Face.class);
      for (LabelFonts.Face face : LabelFonts.Face.values()) {
        pdfFonts.put(face, PDType0Font.load(doc, new ByteArrayInputStream(fonts.file(face)), true));
      }
      for (Composed page : pages) {
        draw(doc, page, pdfFonts);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void draw(PDDocument doc, Composed page, Map<LabelFonts.Face, PDType0Font> pdfFonts)
      throws IOException {
    float height = page.heightMm() * PT_PER_MM;
    PDPage pdPage = new PDPage(new PDRectangle(page.widthMm() * PT_PER_MM, height));
    doc.addPage(pdPage);
    try (PDPageContentStream cs = new PDPageContentStream(doc, pdPage,
        PDPageContentStream.AppendMode.OVERWRITE, true)) {
      boolean anyRect = false;
      for (Composed.Mark m : page.marks()) {
        if (m instanceof Composed.Rule r) {
          rect(cs, height, r.x(), r.y(), r.w(), r.h());
          anyRect = true;
        } else if (m instanceof Composed.Bars b) {
          bars(cs, height, b);
          anyRect = true;
        } else if (m instanceof Composed.QrCode q) {
          qr(cs, height, q);
          anyRect = true;
        }
      }
      if (anyRect) {
        cs.fill();
      }
      for (Composed.Mark m : page.marks()) {
        if (m instanceof Composed.TextRun t) {
          cs.beginText();
          cs.setFont(pdfFonts.get(t.face()), t.sizePt());
          cs.newLineAtOffset(t.x() * PT_PER_MM, height - t.baseline() * PT_PER_MM);
          cs.showText(t.text());
          cs.endText();
        }
      }
    }
  }

  private static void rect(PDPageContentStream cs, float pageHeight, float x, float y, float w,
      float h) throws IOException {
    cs.addRect(x * PT_PER_MM, pageHeight - (y + h) * PT_PER_MM, w * PT_PER_MM, h * PT_PER_MM);
  }

  private static void bars(PDPageContentStream cs, float pageHeight, Composed.Bars b)
      throws IOException {
    boolean[] modules = b.modules();
    float total = (modules.length + 2 * b.quietZone()) * b.moduleMm();
    float x = b.x() + (b.w() - total) / 2 + b.quietZone() * b.moduleMm();
    DarkRuns.forEach(modules, (start, length) ->
        rect(cs, pageHeight, x + start * b.moduleMm(), b.y(), length * b.moduleMm(), b.h()));
  }

  private static void qr(PDPageContentStream cs, float pageHeight, Composed.QrCode q)
      throws IOException {
    boolean[][] modules = q.modules();
    int n = modules.length;
    float module = q.size() / (n + 8);
    float x0 = q.x() + 4 * module;
    float y0 = q.y() + 4 * module;
    for (int row = 0; row < n; row++) {
      float y = y0 + row * module;
      DarkRuns.forEach(modules[row], (start, length) ->
          rect(cs, pageHeight, x0 + start * module, y, length * module, module));
    }
  }
}

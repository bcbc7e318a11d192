package vn.dossierpost.label;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The same label made the straightforward way, for comparison only: ZXing's
 * MatrixToImageWriter for the symbols, Java2D for text and lines on an RGB image, ImageIO for
 * the PNG.
 */
final class NaiveLabel {

  private final LabelFonts fonts;

  NaiveLabel(LabelFonts fonts) {
    this.fonts = fonts;
  }

  byte[] png(Composed label, int dpi) {
    float s = dpi / 25.4f;
    BufferedImage image = new BufferedImage(Math.round(label.widthMm() * s),
        Math.round(label.heightMm() * s), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.setColor(Color.BLACK);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      for (Composed.Mark m : label.marks()) {
        if (m instanceof Composed.Rule r) {
          g.fillRect(Math.round(r.x() * s), Math.round(r.y() * s), Math.max(1, Math.round(r.w() * s)),
              Math.max(1, Math.round(r.h() * s)));
        } else if (m instanceof Composed.TextRun t) {
          Font font = fonts.awt(t.face()).deriveFont(t.sizePt() * 25.4f / 72f * s);
          g.setFont(font);
          g.drawString(t.text(), t.x() * s, t.baseline() * s);
        } else if (m instanceof Composed.Bars b) {
          BitMatrix matrix = new Code128Writer().encode(b.content(), BarcodeFormat.CODE_128,
              Math.round(b.w() * s), Math.round(b.h() * s));
          g.drawImage(MatrixToImageWriter.toBufferedImage(matrix), Math.round(b.x() * s),
              Math.round(b.y() * s), null);
        } else if (m instanceof Composed.QrCode q) {
          BitMatrix matrix = new QRCodeWriter().encode(q.content(), BarcodeFormat.QR_CODE,
              Math.round(q.size() * s), Math.round(q.size() * s), Map.of(EncodeHintType.MARGIN, 4));
          g.drawImage(MatrixToImageWriter.toBufferedImage(matrix), Math.round(q.x() * s),
              Math.round(q.y() * s), null);
        }
      }
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

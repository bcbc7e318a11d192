package vn.dossierpost.label;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/** Barcode symbols as modules, encoded with ZXing; drawing them is each renderer's business. */
public final class Barcodes {

  private Barcodes() {
  }

  /** Code 128 modules, {@code true} for a bar, without quiet zones. */
  public static boolean[] code128(String content) {
    return new Code128Writer().encode(content);
  }

  /** QR modules, {@code [row][column]}, {@code true} for dark, without the quiet zone. */
  public static boolean[][] qr(String content) {
    try {
      ByteMatrix matrix = Encoder.encode(content, ErrorCorrectionLevel.M,
          Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
      boolean[][] modules = new boolean[matrix.getHeight()][matrix.getWidth()];
      for (int y = 0; y < matrix.getHeight(); y++) {
        for (int x = 0; x < matrix.getWidth(); x++) {
          modules[y][x] = matrix.get(x, y) == 1;
        }
      }
      return modules;
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode QR: " + e.getMessage(), e);
    }
  }
}

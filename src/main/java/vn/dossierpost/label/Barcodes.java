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

  private static final int MASK = 3;

  private Barcodes() {
  }

  /** Code 128 modules, {@code true} for a bar, without quiet zones. */
  public static boolean[] code128(String content) {
    return new Code128Writer().encode(content);
  }

  /** A QR symbol whose modules are encoded when first asked for. */
  public static final class Qr {
    private final String content;
    private volatile boolean[][] modules;

    public Qr(String content) {
      this.content = content;
    }

    public String content() {
      return content;
    }

    public boolean[][] modules() {
      boolean[][] m = modules;
      if (m == null) {
        m = qr(content);
        modules = m;
      }
      return m;
    }
  }

  /** Byte-mode capacity of QR versions 1..20 at error correction M (ISO/IEC 18004, table 7). */
  private static final int[] QR_BYTES_M = {14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287,
      331, 362, 412, 450, 504, 560, 624, 666};

  /**
   * Modules per side of the smallest QR symbol holding {@code content} in byte mode at level M,
   * without encoding it: what a printer drawing {@code ^BQ} will make.
   */
  public static int qrSize(String content) {
    int bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    for (int version = 1; version <= QR_BYTES_M.length; version++) {
      if (bytes <= QR_BYTES_M[version - 1]) {
        return 17 + 4 * version;
      }
    }
    throw new IllegalArgumentException("too long for a label QR code: " + bytes + " bytes");
  }

  /** QR modules, {@code [row][column]}, {@code true} for dark, without the quiet zone. */
  public static boolean[][] qr(String content) {
    try {
      // ASCII (links are) needs no ECI header; anything else is declared UTF-8. The mask is
      // fixed: choosing the "best" of eight by penalty scoring is most of ZXing's encoding time,
      // and decoders read every mask (the tests scan hundreds of links with two decoders).
      Map<EncodeHintType, Object> hints = new java.util.EnumMap<>(EncodeHintType.class);
      hints.put(EncodeHintType.QR_MASK_PATTERN, MASK);
      if (!content.chars().allMatch(c -> c < 128)) {
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
      }
      ByteMatrix matrix = Encoder.encode(content, ErrorCorrectionLevel.M, hints).getMatrix();
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

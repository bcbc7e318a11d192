package vn.dossierpost.label;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.EnumMap;
import java.util.Map;

/** Barcode symbols as modules, encoded with ZXing; drawing them is each renderer's business. */
public final class Barcodes {

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

  /**
   * Symbols of recently printed links: a label is reprinted with the link it had (the link of
   * an order changes only with its generation), and proving a symbol costs more than drawing it.
   * Bounded: 2,048 symbols of link size are about 3 MB.
   */
  private static final Map<String, boolean[][]> RECENT = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, boolean[][]> eldest) {
          return size() > 2_048;
        }
      });

  /** QR modules, {@code [row][column]}, {@code true} for dark, without the quiet zone. */
  public static boolean[][] qr(String content) {
    boolean[][] known = RECENT.get(content);
    if (known != null) {
      return known;
    }
    boolean[][] proved = prove(content);
    RECENT.put(content, proved);
    return proved;
  }

  private static boolean[][] prove(String content) {
    // ISO/IEC 18004 picks the mask by penalty scoring, which is most of ZXing's encoding time
    // and still lets through symbols that a common detector misreads: ZXing's own reader fails
    // on up to six links in a thousand, depending on the mask, while zbar reads them. So each
    // symbol is proved instead: masks are tried in a fixed order and the first one that
    // ZXing's full detector (not its pure-barcode shortcut) reads back is printed.
    boolean[][] first = null;
    for (int mask : MASK_ORDER) {
      boolean[][] modules = qr(content, mask);
      if (readsBack(modules, content)) {
        return modules;
      }
      if (first == null) {
        first = modules;
      }
    }
    return first;
  }

  /**
   * Masks by how often ZXing missed them on 2,000 random tracking links at 4 px per module:
   * 7 never, 5 and 0 once, 2 and 4 three times, 3 nine, 1 ten, 6 twelve. Proving costs ~0.1 ms.
   */
  private static final int[] MASK_ORDER = {7, 5, 0, 2, 4, 3, 1, 6};

  /**
   * Pixels per module of the proof image. Labels print QR modules at 4 px (203 dpi) or more;
   * the detector's verdict was the same at 4 and 6 px and differed at 3, so prove at 4.
   */
  private static final int PROOF_SCALE = 4;
  private static final int QUIET = 4;

  static boolean[][] qr(String content, int mask) {
    try {
      // ASCII (links are) needs no ECI header; anything else is declared UTF-8.
      Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
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

  /** Whether ZXing's detector finds and decodes {@code modules} drawn with a quiet zone. */
  static boolean readsBack(boolean[][] modules, String content) {
    int n = modules.length;
    int side = (n + 2 * QUIET) * PROOF_SCALE;
    byte[] pixels = new byte[side * side];
    java.util.Arrays.fill(pixels, (byte) 0xFF);
    for (int row = 0; row < n; row++) {
      for (int col = 0; col < n; col++) {
        if (modules[row][col]) {
          int top = (row + QUIET) * PROOF_SCALE;
          int left = (col + QUIET) * PROOF_SCALE;
          for (int dy = 0; dy < PROOF_SCALE; dy++) {
            java.util.Arrays.fill(pixels, (top + dy) * side + left, (top + dy) * side + left + PROOF_SCALE,
                (byte) 0);
          }
        }
      }
    }
    LuminanceSource source = new PlanarYUVLuminanceSource(pixels, side, side, 0, 0, side, side, false);
    try {
      Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
      return content.equals(result.getText());
    } catch (ReaderException e) {
      return false;
    }
  }
}

package vn.dossierpost.support;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads barcodes back from what the service printed, with two decoders that are not the
 * encoder: ZXing's reader, and zbarimg (Debian zbar-tools) as a separate program. PDFs are
 * rasterised first with pdftoppm (Debian poppler-utils).
 */
public final class Decoders {

  private Decoders() {
  }

  public static List<String> zxing(byte[] png) {
    try {
      return zxing(ImageIO.read(new ByteArrayInputStream(png)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> zxing(BufferedImage image) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.CODE_128, BarcodeFormat.QR_CODE));
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    try {
      List<String> texts = new ArrayList<>();
      for (Result result : new GenericMultipleBarcodeReader(new MultiFormatReader())
          .decodeMultiple(bitmap, hints)) {
        texts.add(result.getBarcodeFormat() + ":" + result.getText());
      }
      return texts;
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  /** zbarimg's reading of an image file: "CODE-128:…" and "QR-Code:…" lines. */
  public static List<String> zbar(Path image) {
    try {
      // Only standard output: zbar's stderr carries unrelated D-Bus chatter on some machines.
      Process process = new ProcessBuilder("zbarimg", "-q", image.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("zbarimg did not finish");
      }
      return out.lines().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new AssertionError("zbarimg is needed (Debian zbar-tools): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static List<String> zbar(byte[] png) {
    try {
      Path file = Files.createTempFile("label", ".png");
      Files.write(file, png);
      try {
        return zbar(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PDF's text, as {@code pdftotext} (poppler-utils) reads it, in reading order. */
  public static String pdfText(byte[] pdf) {
    try {
      Path file = Files.createTempFile("doc", ".pdf");
      Files.write(file, pdf);
      Process process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("pdftotext failed");
      }
      Files.deleteIfExists(file);
      return java.text.Normalizer.normalize(out, java.text.Normalizer.Form.NFC);
    } catch (IOException e) {
      throw new AssertionError("pdftotext is needed (Debian poppler-utils): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The PDF's pages as PNG files at {@code dpi}, in page order. */
  public static List<Path> rasterise(byte[] pdf, int dpi) {
    try {
      Path dir = Files.createTempDirectory("pdf");
      Path file = dir.resolve("doc.pdf");
      Files.write(file, pdf);
      Process process = new ProcessBuilder("pdftoppm", "-r", Integer.toString(dpi), "-png",
          "-mono", file.toString(), dir.resolve("page").toString()).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("pdftoppm failed: " + out);
      }
      try (Stream<Path> pages = Files.list(dir)) {
        return pages.filter(p -> p.getFileName().toString().startsWith("page")).sorted().toList();
      }
    } catch (IOException e) {
      throw new AssertionError("pdftoppm is needed (Debian poppler-utils): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static BufferedImage image(Path file) {
    try {
      return ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

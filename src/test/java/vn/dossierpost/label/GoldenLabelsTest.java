package vn.dossierpost.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.Leg;

/**
 * The sample order's labels against the golden files in labels/golden: PNG pixel for pixel,
 * ZPL character for character, PDF page for page and word for word. After an intended change,
 * regenerate them with
 * {@code mvn -q test -Dtest=GoldenLabelsTest -Dgolden.update=true} and look at the result.
 */
class GoldenLabelsTest {

  private static final Path GOLDEN = Path.of("labels", "golden");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final Labels LABELS = Labels.load();

  private final LabelData delivery = SampleLabels.data(SampleLabels.order(Leg.DELIVERY, "EB100000003VN"));
  private final LabelData pickup = SampleLabels.data(SampleLabels.order(Leg.PICKUP, "EB100000017VN"));

  @Test
  void thePngsMatchTheGoldenOnesPixelForPixel() throws IOException {
    for (int dpi : new int[] {203, 300}) {
      byte[] png = LabelRenderingTest.png(delivery, dpi);
      Path golden = GOLDEN.resolve("sample-thermal-" + dpi + "dpi.png");
      if (UPDATE) {
        Files.write(golden, png);
      }
      assertSamePixels(png, Files.readAllBytes(golden));
    }
  }

  @Test
  void theZplMatchesTheGoldenOneCharacterForCharacter() throws IOException {
    StringBuilder zpl = new StringBuilder();
    LABELS.zpl().label(zpl, LABELS.compose(delivery), 203);
    LABELS.zpl().label(zpl, LABELS.compose(pickup), 203);
    Path golden = GOLDEN.resolve("sample-thermal-203dpi.zpl");
    if (UPDATE) {
      Files.writeString(golden, zpl.toString());
    }
    assertThat(zpl.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void thePdfsMatchTheGoldenOnesPageForPageAndWordForWord() throws IOException {
    check(LABELS.render(List.of(delivery, pickup), LabelFormat.PDF, Labels.Media.THERMAL, 203,
        "golden").body(), GOLDEN.resolve("sample-thermal.pdf"));
    check(LABELS.render(List.of(delivery, pickup, delivery, pickup, delivery), LabelFormat.PDF,
        Labels.Media.A4, 203, "golden").body(), GOLDEN.resolve("sample-a4-4up.pdf"));
  }

  private static void check(byte[] pdf, Path golden) throws IOException {
    if (UPDATE) {
      Files.write(golden, pdf);
    }
    try (var actual = Loader.loadPDF(pdf); var expected = Loader.loadPDF(golden.toFile())) {
      assertThat(actual.getNumberOfPages()).isEqualTo(expected.getNumberOfPages());
      PDFTextStripper text = new PDFTextStripper();
      assertThat(text.getText(actual)).isEqualTo(text.getText(expected));
    }
  }

  private static void assertSamePixels(byte[] actualPng, byte[] goldenPng) throws IOException {
    BufferedImage actual = ImageIO.read(new ByteArrayInputStream(actualPng));
    BufferedImage golden = ImageIO.read(new ByteArrayInputStream(goldenPng));
    assertThat(actual.getWidth()).isEqualTo(golden.getWidth());
    assertThat(actual.getHeight()).isEqualTo(golden.getHeight());
    int differing = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        if (actual.getRGB(x, y) != golden.getRGB(x, y)) {
          differing++;
        }
      }
    }
    assertThat(differing).as("pixels that differ from the golden label").isZero();
  }
}

package vn.dossierpost.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.order.Leg;

/** ZPL checked by parsing it back, command by command. */
class ZplTest {

  private static final Labels LABELS = Labels.load();

  /** One command: its prefix and name ({@code ^FD}, {@code ~DU}) and its parameters. */
  record Command(String name, String params) {
  }

  @Test
  void aBatchDownloadsTheFontsOnceAndPrintsEachLabelInUtf8() {
    List<LabelData> three = List.of(
        SampleLabels.data(SampleLabels.order(Leg.DELIVERY, "EB100000003VN")),
        SampleLabels.data(SampleLabels.order(Leg.PICKUP, "EB100000017VN")),
        SampleLabels.data(SampleLabels.longest(Leg.DELIVERY, "EB100000025VN")));

    List<Command> commands = parse(zpl(three));

    assertThat(commands.stream().filter(c -> c.name().equals("~DU")).count()).isEqualTo(2);
    assertThat(commands.stream().filter(c -> c.name().equals("^XA")).count()).isEqualTo(3);
    assertThat(commands.stream().filter(c -> c.name().equals("^CI")).map(Command::params)).containsOnly("28");
    for (Command download : commands.stream().filter(c -> c.name().equals("~DU")).toList()) {
      String[] parts = download.params().split(",", 3);
      byte[] ttf = HexFormat.of().parseHex(parts[2].trim());
      assertThat(ttf.length).isEqualTo(Integer.parseInt(parts[1]));
      assertThat(ttf).isEqualTo(LABELS.fonts().file(parts[0].endsWith("B.FNT")
          ? LabelFonts.Face.BOLD : LabelFonts.Face.REGULAR));
    }
  }

  @Test
  void theItemCodeIsACode128InAutomaticModeAndTheLinkAQrCode() {
    LabelData data = SampleLabels.data(SampleLabels.order(Leg.DELIVERY, "EB100000003VN"));

    List<Command> commands = parse(zpl(List.of(data)));
    Map<String, String> fields = fieldsByBarcode(commands);

    assertThat(commands).contains(new Command("^BY", "3"));
    assertThat(fields.get("^BC")).isEqualTo("EB100000003VN");
    assertThat(commands.stream().filter(c -> c.name().equals("^BC")).findFirst().orElseThrow().params())
        .endsWith(",N,N,N,A");
    assertThat(fields.get("^BQ")).isEqualTo("MA," + data.get("trackingUrl"));
    assertThat(commands).contains(new Command("^PW", "812"), new Command("^LL", "1218"));
  }

  @Test
  void vietnameseTextIsPrintedInTheDownloadedFontAsNfcUtf8() {
    LabelData data = SampleLabels.data(SampleLabels.order(Leg.DELIVERY, "EB100000003VN"));

    List<String> texts = texts(parse(zpl(List.of(data))));

    assertThat(texts).contains("Nguyễn Thị Ngọc Ánh", "TRẢ KẾT QUẢ", "ĐT: 0912 345 678");
    assertThat(texts).allMatch(t -> java.text.Normalizer.isNormalized(t, java.text.Normalizer.Form.NFC));
  }

  @Test
  void caretsTildesAndUnderscoresInUserTextCannotInjectCommands() {
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>(
        SampleLabels.data(SampleLabels.order(Leg.DELIVERY, "EB100000003VN")).fields());
    String evil = "Hồ sơ ^XZ^XA^FO0,0^GB800,1200,800^FS ~JR _41 cuối";
    fields.put("contents", evil);
    fields.put("trackingUrl", "https://tracuu.example.gov.vn/t/ab_cd-EF");

    String zpl = zpl(List.of(new LabelData(fields)));
    List<Command> commands = parse(zpl);

    assertThat(commands.stream().filter(c -> c.name().equals("^XA")).count()).isEqualTo(1);
    assertThat(commands.stream().filter(c -> c.name().equals("^XZ")).count()).isEqualTo(1);
    assertThat(commands.stream().filter(c -> c.name().equals("~JR")).count()).isZero();
    assertThat(String.join(" ", texts(commands))).contains("^XZ^XA^FO0,0^GB800,1200,800^FS ~JR _41 cuối");
    assertThat(fieldsByBarcode(commands).get("^BQ")).isEqualTo("MA,https://tracuu.example.gov.vn/t/ab_cd-EF");
  }

  @Test
  void theQrSizeThePrinterWillChooseIsTheOneZxingEncodes() {
    for (int length = 1; length <= 300; length += 7) {
      String content = "https://tracuu.example.gov.vn/t/" + "x".repeat(length);
      if (content.length() > 331) {
        break;
      }
      assertThat(Barcodes.qrSize(content)).as(content).isEqualTo(Barcodes.qr(content).length);
    }
  }

  private static String zpl(List<LabelData> data) {
    return new String(LABELS.render(data, LabelFormat.ZPL, Labels.Media.THERMAL, 203, "z").body(),
        StandardCharsets.UTF_8);
  }

  /** Splits ZPL into commands at ^ and ~ (outside nothing: escaped data has none left). */
  static List<Command> parse(String zpl) {
    List<Command> commands = new ArrayList<>();
    int i = 0;
    while (i < zpl.length()) {
      char c = zpl.charAt(i);
      if (c != '^' && c != '~') {
        i++;
        continue;
      }
      int next = i + 1;
      while (next < zpl.length() && zpl.charAt(next) != '^' && zpl.charAt(next) != '~') {
        next++;
      }
      String body = zpl.substring(i + 1, next);
      int nameLength = body.startsWith("A") && body.length() > 1 && (body.charAt(1) == 'A'
          || body.charAt(1) == 'B') && !body.startsWith("A@") ? 1 : 2;
      if (body.length() < 2) {
        nameLength = body.length();
      }
      commands.add(new Command(c + body.substring(0, nameLength), body.substring(nameLength).strip()));
      i = next;
    }
    return commands;
  }

  /** The ^FD data of each text field, with ^FH escapes decoded. */
  static List<String> texts(List<Command> commands) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      if (commands.get(i).name().equals("^FD") && i > 1 && commands.get(i - 1).name().equals("^FH")
          && commands.get(i - 2).name().equals("^A")) {
        texts.add(unescape(commands.get(i).params()));
      }
    }
    return texts;
  }

  static Map<String, String> fieldsByBarcode(List<Command> commands) {
    Map<String, String> fields = new java.util.HashMap<>();
    String barcode = null;
    for (Command c : commands) {
      if (c.name().equals("^BC") || c.name().equals("^BQ")) {
        barcode = c.name();
      } else if (c.name().equals("^FD") && barcode != null) {
        fields.put(barcode, unescape(c.params()));
        barcode = null;
      }
    }
    return fields;
  }

  static String unescape(String data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '_' && i + 2 < bytes.length) {
        out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

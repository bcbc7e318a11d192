package vn.dossierpost.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The page's own UTF-8 encoder gives the bytes the JDK's would, character for character. */
class TrackingHtmlUtf8Test {

  private static byte[] encode(String s) {
    char[] chars = s.toCharArray();
    byte[] out = new byte[chars.length * 3 + 3];
    return Arrays.copyOf(out, TrackingHtml.utf8(chars, chars.length, out));
  }

  @Test
  void vietnameseEmojiAndLoneSurrogatesEncodeAsTheJdkDoes() {
    for (String s : new String[] {"", "Đã phát thành công — Bưu cục Hoàn Kiếm", "<p>ẩ ỡ ự ừ</p>",
        "tem \uD83D\uDCEE thư", "lẻ \uD800 loi", "cuối \uDC00", "\uD83D"}) {
      assertThat(encode(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void anyTextEncodesAsTheJdkDoes() {
    Random random = new Random(45);
    for (int round = 0; round < 2_000; round++) {
      char[] chars = new char[random.nextInt(64)];
      for (int i = 0; i < chars.length; i++) {
        int kind = random.nextInt(4);
        chars[i] = (char) (kind == 0 ? random.nextInt(0x80) : kind == 1 ? random.nextInt(0x800)
            : kind == 2 ? 0xD800 + random.nextInt(0x800) : random.nextInt(0x10000));
      }
      String s = new String(chars);
      assertThat(encode(s)).as("round %d", round).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
  }
}

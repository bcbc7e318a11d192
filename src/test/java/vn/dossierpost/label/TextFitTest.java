package vn.dossierpost.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextFitTest {

  private static final LabelFonts.Face REGULAR = LabelFonts.Face.REGULAR;
  private static final LabelFonts FONTS = Labels.load().fonts();
  private static final String[] WORDS = {"Nguyễn", "Thị", "Ngọc", "Ánh", "phường", "Hoàn", "Kiếm",
      "Trường", "Thượng", "Đắk", "Lắk", "số", "12", "ngõ", "34/56/78", "khu", "phố", "ấp",
      "Phước", "Lộc", "Chung", "cư", "Hoàng", "Anh", "Thanh", "Bình", "Tổ", "dân", "phố",
      "Nghĩa", "Đô", "Supercalifragilisticexpialidocious"};

  @Test
  void textThatFitsAtThePreferredSizeIsLeftAlone() {
    TextFit.Fitted fitted = TextFit.fit(FONTS, LabelFonts.Face.REGULAR, "Nguyễn Văn An", 200, 20, 1, 11, 7);

    assertThat(fitted.sizePt()).isEqualTo(11);
    assertThat(fitted.lines()).containsExactly("Nguyễn Văn An");
    assertThat(fitted.truncated()).isFalse();
  }

  @Test
  void longTextWrapsThenShrinksThenEndsWithAnEllipsis() {
    String text = "Phòng 1208, tầng 12, tòa nhà Chung cư Hoàng Anh Thanh Bình, số 2 đường Nguyễn Hữu Thọ";

    TextFit.Fitted wrapped = TextFit.fit(FONTS, LabelFonts.Face.REGULAR, text, 200, 40, 3, 11, 7);
    TextFit.Fitted cut = TextFit.fit(FONTS, LabelFonts.Face.REGULAR, text, 60, 10, 1, 11, 7);

    assertThat(wrapped.lines().size()).isBetween(2, 3);
    assertThat(wrapped.truncated()).isFalse();
    assertThat(String.join(" ", wrapped.lines())).isEqualTo(text);
    assertThat(cut.sizePt()).isEqualTo(7);
    assertThat(cut.lines()).hasSize(1);
    assertThat(cut.lines().get(0)).endsWith(TextFit.ELLIPSIS);
    assertThat(cut.truncated()).isTrue();
  }

  @Test
  void aWordWiderThanTheBoxIsBrokenBetweenLetters() {
    TextFit.Fitted fitted = TextFit.fit(FONTS, LabelFonts.Face.BOLD,
        "Supercalifragilisticexpialidocious", 40, 200, 12, 10, 10);

    assertThat(fitted.lines().size()).isGreaterThan(1);
    assertThat(String.join("", fitted.lines())).isEqualTo("Supercalifragilisticexpialidocious");
  }

  @Test
  void nothingEverOverflowsItsBoxWhateverTheText() {
    Random random = new Random(45);
    for (int i = 0; i < 2000; i++) {
      StringBuilder text = new StringBuilder();
      int words = 1 + random.nextInt(40);
      for (int w = 0; w < words; w++) {
        text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      float width = 20 + random.nextInt(250);
      float height = 8 + random.nextInt(60);
      int maxLines = 1 + random.nextInt(4);
      float max = 6 + random.nextInt(10);
      LabelFonts.Face face = random.nextBoolean() ? LabelFonts.Face.BOLD : LabelFonts.Face.REGULAR;

      TextFit.Fitted fitted = TextFit.fit(FONTS, face, text.toString(), width, height, maxLines, max, 5);

      assertThat(fitted.lines()).hasSizeLessThanOrEqualTo(maxLines);
      for (String line : fitted.lines()) {
        assertThat(FONTS.width(face, fitted.sizePt(), line)).as(line).isLessThanOrEqualTo(width + 0.01f);
      }
      if (!fitted.truncated()) {
        assertThat(fitted.lines().size() * fitted.sizePt() * 1.2f).isLessThanOrEqualTo(height + 0.01f);
        assertThat(String.join(" ", fitted.lines()).replace(" ", ""))
            .isEqualTo(text.toString().replace(" ", ""));
      } else {
        List<String> lines = fitted.lines();
        assertThat(lines.get(lines.size() - 1)).endsWith(TextFit.ELLIPSIS);
      }
    }
  }

  @Test
  void theFontsCoverEveryVietnameseLetter() {
    String letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụư"
        + "ừứửữựvxyỳýỷỹỵ";
    for (String s : List.of(letters, letters.toUpperCase(java.util.Locale.ROOT), "0123456789₫…–—“”")) {
      s.codePoints().forEach(cp -> assertThat(FONTS.covers(cp)).as(new String(Character.toChars(cp))).isTrue());
    }
    assertThat(FONTS.printable("漢")).isEqualTo("?");
  }

  // Boxes measured from the text itself, the way the fitting adds widths up, so that "exactly as
  // wide" and "exactly two lines high" are exact.

  @Test
  void wordsThatFillALineExactlyStayOnOneLine() {
    float width = FONTS.width(REGULAR, 10, "Nguyễn") + FONTS.width(REGULAR, 10, " ") + FONTS.width(REGULAR, 10, "Văn");

    assertThat(TextFit.wrap(FONTS, REGULAR, 10, "Nguyễn Văn", width)).containsExactly("Nguyễn Văn");
  }

  @Test
  void aWordAsWideAsTheBoxIsNotBroken() {
    float width = FONTS.width(REGULAR, 10, "Trường");

    assertThat(TextFit.wrap(FONTS, REGULAR, 10, "Trường", width)).containsExactly("Trường");
  }

  @Test
  void aWordBrokenBetweenLettersFillsEachLineExactly() {
    float letter = FONTS.advance(REGULAR, 'W') * 10;

    assertThat(TextFit.wrap(FONTS, REGULAR, 10, "WWWWW", letter + letter)).containsExactly("WW", "WW", "W");
  }

  @Test
  void aBlankTextFitsAsOneEmptyLine() {
    TextFit.Fitted fitted = TextFit.fit(FONTS, REGULAR, "  ", 100, 20, 2, 10, 7);

    assertThat(fitted.lines()).containsExactly("");
    assertThat(fitted.truncated()).isFalse();
  }

  @Test
  void aBoxNarrowerThanOneLetterGetsOneLetterALineAndNoEmptyLines() {
    assertThat(TextFit.wrap(FONTS, REGULAR, 10, "WW", 1)).containsExactly("W", "W");
  }

  @Test
  void textThatFitsWithItsEllipsisExactlyIsKeptWhole() {
    float width = FONTS.width(REGULAR, 10, "abc") + FONTS.width(REGULAR, 10, TextFit.ELLIPSIS);

    assertThat(TextFit.ellipsize(FONTS, REGULAR, 10, "abc", width)).isEqualTo("abc…");
  }

  @Test
  void aBoxNarrowerThanTheEllipsisGetsTheEllipsisAlone() {
    assertThat(TextFit.ellipsize(FONTS, REGULAR, 10, "abc", 0.1f)).isEqualTo(TextFit.ELLIPSIS);
  }

  @Test
  void anEllipsisFollowsTheLastWholeWordWhenThatKeepsMoreThanHalf() {
    float width = FONTS.width(REGULAR, 10, "abcd ef") + FONTS.width(REGULAR, 10, TextFit.ELLIPSIS);

    assertThat(TextFit.ellipsize(FONTS, REGULAR, 10, "abcd efgh ijk", width)).isEqualTo("abcd…");
  }

  @Test
  void anEllipsisCutsInsideAWordWhenTheLastWholeWordKeepsHalfOrLess() {
    float width = FONTS.width(REGULAR, 10, "abc def") + FONTS.width(REGULAR, 10, TextFit.ELLIPSIS);

    assertThat(TextFit.ellipsize(FONTS, REGULAR, 10, "abc defg hij", width)).isEqualTo("abc def…");
  }

  @Test
  void aBoxExactlyTwoLinesHighHoldsTwoLinesAtThePreferredSize() {
    String line = "Nguyễn Văn An";
    float width = FONTS.width(REGULAR, 10, line) + 1;
    float twoLines = 2 * (10 * TextFit.LINE_SPACING);

    TextFit.Fitted fitted = TextFit.fit(FONTS, REGULAR, line + " " + line, width, twoLines, 3, 10, 6);

    assertThat(fitted.sizePt()).isEqualTo(10);
    assertThat(fitted.lines()).containsExactly(line, line);
    assertThat(fitted.truncated()).isFalse();
  }

  @Test
  void textCutShortKeepsTheLinesThatFitAndEllipsizesFromTheLastOfThem() {
    String text = "Một Hai Ba Bốn Năm Sáu Bảy Tám Chín Mười";
    float width = FONTS.width(REGULAR, 10, "Một Hai Ba") + 1;
    float twoLines = 2 * (10 * TextFit.LINE_SPACING);
    List<String> wrapped = TextFit.wrap(FONTS, REGULAR, 10, text, width);

    TextFit.Fitted fitted = TextFit.fit(FONTS, REGULAR, text, width, twoLines, 3, 10, 10);

    assertThat(wrapped).hasSizeGreaterThan(3);
    assertThat(fitted.truncated()).isTrue();
    assertThat(fitted.lines()).hasSize(2);
    assertThat(fitted.lines().get(0)).isEqualTo(wrapped.get(0));
    assertThat(fitted.lines().get(1)).startsWith(wrapped.get(1).split(" ")[0]).endsWith(TextFit.ELLIPSIS);
  }
}

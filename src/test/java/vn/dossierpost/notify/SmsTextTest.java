package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMS text as the networks count it: plain Vietnamese in GSM-7, cut at a word when it must be. */
class SmsTextTest {

  @Test
  void gsmSymbolsAtTheStartOfEitherTableAreKept() {
    assertThat(SmsText.plain("a@b ^c")).isEqualTo("a@b ^c");
    assertThat(SmsText.septets("@")).isEqualTo(1);
    assertThat(SmsText.septets("^")).isEqualTo(2);
  }

  @Test
  void charactersAnAsciiOnlyPhoneCannotShowAreDroppedEvenWhenGsmHasThem() {
    assertThat(SmsText.plain("Phí 5£ `x`")).isEqualTo("Phi 5 x");
  }

  @Test
  void anyRunOfWhitespaceBecomesOneSpaceAndTheEndsAreTrimmed() {
    assertThat(SmsText.plain(" Bưu\tcục \n  Đống Đa ")).isEqualTo("Buu cuc Dong Da");
    assertThat(SmsText.plain(null)).isEmpty();
  }

  @Test
  void textThatFitsIsLeftWhole() {
    assertThat(SmsText.shorten("Buu cuc", 7)).isEqualTo("Buu cuc");
    assertThat(SmsText.shorten("Buucuc Ha", 9)).isEqualTo("Buucuc Ha");
  }

  @Test
  void textThatDoesNotFitIsCutAtTheLastWordThatFits() {
    assertThat(SmsText.shorten("Buu cuc Ha Noi", 9)).isEqualTo("Buu cuc");
  }

  @Test
  void aWordCutIsOnlyTakenWhenItKeepsMoreThanHalfTheRoom() {
    assertThat(SmsText.shorten("ab cdefgh", 4)).isEqualTo("ab c");
  }

  @Test
  void noRoomGivesNothing() {
    assertThat(SmsText.shorten("Buu cuc", 0)).isEmpty();
    assertThat(SmsText.shorten("Buu cuc", -3)).isEmpty();
  }
}

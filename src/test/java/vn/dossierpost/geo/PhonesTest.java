package vn.dossierpost.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhonesTest {

  @Test
  void aVietnameseNumberIsStoredInE164HoweverItIsWritten() {
    assertThat(Phones.toE164("0912345678")).contains("+84912345678");
    assertThat(Phones.toE164("+84 912 345 678")).contains("+84912345678");
    assertThat(Phones.toE164("84912345678")).contains("+84912345678");
    assertThat(Phones.toE164("024 3825 3232")).contains("+842438253232");
  }

  @Test
  void somethingThatIsNotAVietnameseNumberIsRefused() {
    assertThat(Phones.toE164("12345")).isEmpty();
    assertThat(Phones.toE164("not a phone")).isEmpty();
    assertThat(Phones.toE164(null)).isEmpty();
  }

  @Test
  void anInputLongerThan32CharactersIsRefusedBeforeItIsParsed() {
    String padded = "0912345678" + " ".repeat(22);

    assertThat(Phones.toE164(padded)).contains("+84912345678");
    assertThat(Phones.toE164(padded + " ")).isEmpty();
  }

  @Test
  void aMobileNumberIsMobileAndALandlineIsNot() {
    assertThat(Phones.isMobile("+84912345678")).isTrue();
    assertThat(Phones.isMobile("+842438253232")).isFalse();
    assertThat(Phones.isMobile("not a phone")).isFalse();
  }

  @Test
  void theNationalFormStartsWithZero() {
    assertThat(Phones.national("+84912345678")).isEqualTo("0912345678");
    assertThat(Phones.national("0912345678")).isEqualTo("0912345678");
  }

  @Test
  void aMaskedPhoneShowsItsFirstTwoDigitsOnly() {
    assertThat(Phones.masked("+84912345678")).isEqualTo("09xx xxx xxx");
    assertThat(Phones.masked("+8412345")).isEqualTo("01xx xxx xxx");
    assertThat(Phones.masked("+842438253456")).as("a landline keeps the same shape")
        .isEqualTo("02xx xxx xxx");
  }

  @Test
  void staffSeeTheLastThreeDigitsButNeverTheFourthFromTheEnd() {
    assertThat(Phones.maskedForStaff("+84912345678")).isEqualTo("09xx xxx 678");
    assertThat(Phones.maskedForStaff("+841234")).isEqualTo("xxx");
  }

  @Test
  void aPhoneTooShortToMaskShowsNoDigitAtAll() {
    assertThat(Phones.masked("+841234")).isEqualTo("xxx");
  }
}

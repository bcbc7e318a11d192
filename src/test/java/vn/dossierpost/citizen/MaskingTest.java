package vn.dossierpost.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void aNameShowsTheFamilyNameAndTheInitialsOfTheOthers() {
    assertThat(Masking.name("Nguyễn Văn An")).isEqualTo("Nguyễn V. A.");
  }

  @Test
  void aNameOfOneWordIsShownWhole() {
    assertThat(Masking.name("Mai")).isEqualTo("Mai");
  }

  @Test
  void extraSpacesInANameGiveNoEmptyInitials() {
    assertThat(Masking.name("  Trần   Thị  Bích  ")).isEqualTo("Trần T. B.");
  }

  @Test
  void anInitialOutsideTheBasicPlaneStaysOneWholeLetter() {
    assertThat(Masking.name("Lê 𠀧ngọc")).isEqualTo("Lê 𠀧.");
  }

  @Test
  void aMissingOrBlankNameShowsNothing() {
    assertThat(Masking.name(null)).isEmpty();
    assertThat(Masking.name("")).isEmpty();
    assertThat(Masking.name("   ")).isEmpty();
  }

  @Test
  void theSecondFactorIsTheLastFourDigitsHoweverThePhoneIsWritten() {
    assertThat(Masking.lastFour("+84912345678")).isEqualTo("5678");
    assertThat(Masking.lastFour("0912 345-678")).isEqualTo("5678");
    assertThat(Masking.lastFour("1234")).isEqualTo("1234");
  }

  @Test
  void aPhoneOfFewerThanFourDigitsGivesWhatDigitsItHas() {
    assertThat(Masking.lastFour("12a3")).isEqualTo("123");
    assertThat(Masking.lastFour(null)).isEmpty();
  }
}

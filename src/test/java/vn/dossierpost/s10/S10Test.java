package vn.dossierpost.s10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class S10Test {

  static Stream<Arguments> vectors() throws Exception {
    List<Arguments> cases = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        S10Test.class.getResourceAsStream("/s10-vectors.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+", 3);
        cases.add(Arguments.of(parts[0], parts[1], parts.length > 2 ? parts[2] : ""));
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(18);
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("vectors")
  void validatesEveryVectorOfTheSharedTestData(String verdict, String code, String note) {
    assertThat(S10.isValid(code)).as(note).isEqualTo("valid".equals(verdict));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("vectors")
  void recomputesTheCheckDigitOfEveryValidVector(String verdict, String code, String note) {
    if ("valid".equals(verdict)) {
      assertThat(S10.of(code.substring(0, 2), Long.parseLong(code.substring(2, 10)), code.substring(11)))
          .isEqualTo(code);
    }
  }

  @Test
  void checkDigitTenBecomesZeroAndElevenBecomesFive() {
    assertThat(S10.checkDigit("70000000")).isZero();
    assertThat(S10.checkDigit("00000000")).isEqualTo(5);
    assertThat(S10.checkDigit("12345678")).isEqualTo(5);
  }

  @Test
  void explainsWhyACodeIsInvalid() {
    assertThat(S10.why("RR123456786VN")).contains("wrong check digit (expected 5)");
    assertThat(S10.why("JB123456785VN")).get().asString().contains("reserved");
    assertThat(S10.why("RR 123 456 785 VN")).get().asString().contains("13 characters");
    assertThat(S10.why(null)).isPresent();
  }

  @Test
  void printsCodesGroupedAndReadsThemBackFromWhatPeopleType() {
    assertThat(S10.grouped("RR123456785VN")).isEqualTo("RR 123 456 785 VN");
    assertThat(S10.normalize(" rr 123 456-785 vn ")).isEqualTo("RR123456785VN");
  }

  @Test
  void refusesReservedIndicatorsAndOutOfRangeSerials() {
    for (String reserved : List.of("JA", "KB", "SC", "TD", "WE")) {
      assertThat(S10.isServiceIndicatorAllowed(reserved)).as(reserved).isFalse();
      assertThatThrownBy(() -> S10.of(reserved, 1, "VN")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> S10.of("EB", 100_000_000L, "VN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S10.of("EB", 1, "vn")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLocalRangeGivesValidDistinctCodesAndEndsWhereItSays() {
    S10.Range range = new S10.Range("EB", 20_000_000L, 20_000_999L, "VN");
    Set<String> codes = new HashSet<>();
    for (long n = 0; n < range.size(); n++) {
      String code = range.code(n);
      assertThat(S10.isValid(code)).as(code).isTrue();
      codes.add(code);
    }
    assertThat(codes).hasSize(1000).contains("EB200000006VN");
    assertThatThrownBy(() -> range.code(1000)).hasMessageContaining("exhausted");
    assertThatThrownBy(() -> new S10.Range("KA", 0, 10, "VN")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serviceIndicatorsAreTwoCapitalLettersFromAToZ() {
    assertThat(S10.isServiceIndicatorAllowed("ZZ")).isTrue();
    assertThat(S10.isServiceIndicatorAllowed("AZ")).isTrue();
    assertThat(S10.isServiceIndicatorAllowed("ÄB")).isFalse();
    assertThat(S10.isServiceIndicatorAllowed("AÖ")).isFalse();
    assertThat(S10.isServiceIndicatorAllowed("eB")).isFalse();
    assertThat(S10.isServiceIndicatorAllowed("E")).isFalse();
    assertThat(S10.isServiceIndicatorAllowed(null)).isFalse();
  }

  @Test
  void somethingThatIsNotAnS10CodeIsPrintedAsItIs() {
    assertThat(S10.grouped("RR12345")).isEqualTo("RR12345");
    assertThat(S10.grouped(null)).isNull();
  }

  @Test
  void aRangeMayHoldOneCodeAtEitherEndOfTheSerials() {
    S10.Range first = new S10.Range("EB", 0, 0, "VN");
    S10.Range last = new S10.Range("EB", 99_999_999L, 99_999_999L, "VN");

    assertThat(first.size()).isEqualTo(1);
    assertThat(first.code(0)).isEqualTo("EB000000005VN");
    assertThat(last.code(0)).isEqualTo("EB999999995VN");
  }

  @Test
  void theNthCodeOfARangeIsItsFirstSerialPlusN() {
    S10.Range range = new S10.Range("EB", 20_000_000L, 20_000_999L, "VN");

    assertThat(range.code(1)).isEqualTo("EB200000010VN");
    assertThat(range.code(999)).startsWith("EB20000999");
  }

  @Test
  void aRangeOutsideTheSerialsOrBackwardsIsRefused() {
    assertThatThrownBy(() -> new S10.Range("EB", -1, 10, "VN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S10.Range("EB", 0, 100_000_000L, "VN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S10.Range("EB", 11, 10, "VN")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new S10.Range("EB", 0, 10, "VN").code(-1)).hasMessageContaining("exhausted");
  }
}

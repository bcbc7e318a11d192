package vn.dossierpost.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

  private static Instant vietnam(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(Progress.VIETNAM).toInstant();
  }

  @Test
  void theEveningBeforeTenIsNotQuiet() {
    assertThat(night.endsAfter(vietnam("2025-11-24T21:59:59"))).isEmpty();
    assertThat(night.endsAfter(vietnam("2025-11-24T07:00:00"))).isEmpty();
  }

  @Test
  void fromTenAtNightMessagesWaitUntilSevenTheNextMorningVietnamTime() {
    assertThat(night.endsAfter(vietnam("2025-11-24T22:00:00"))).contains(vietnam("2025-11-25T07:00:00"));
    assertThat(night.endsAfter(vietnam("2025-11-24T23:30:00"))).contains(vietnam("2025-11-25T07:00:00"));
    assertThat(night.endsAfter(vietnam("2025-11-25T06:59:00"))).contains(vietnam("2025-11-25T07:00:00"));
  }

  @Test
  void itIsVietnamTimeThatCountsNotTheServers() {
    // 16:00 UTC is 23:00 in Hanoi.
    Instant utc = ZonedDateTime.parse("2025-11-24T16:00:00Z").toInstant();
    assertThat(night.endsAfter(utc)).contains(vietnam("2025-11-25T07:00:00"));
  }

  @Test
  void equalEndsMeanNoQuietHours() {
    assertThat(new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).endsAfter(vietnam("2025-11-24T23:00:00")))
        .isEmpty();
  }
}

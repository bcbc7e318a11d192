package vn.dossierpost.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The lunar calendar at UTC+7 against DOMAIN.md's dates, and at UTC+8 against ICU4J (China). */
class LunarCalendarTest {

  private final LunarCalendar vietnam = LunarCalendar.vietnam();

  @Test
  void tetFallsOnTheDatesDomainGivesIncluding2030WhereVietnamAndChinaDiffer() {
    assertThat(vietnam.newYear(2025)).isEqualTo(LocalDate.of(2025, 1, 29));
    assertThat(vietnam.newYear(2026)).isEqualTo(LocalDate.of(2026, 2, 17));
    assertThat(vietnam.newYear(2027)).isEqualTo(LocalDate.of(2027, 2, 6));
    assertThat(vietnam.newYear(2028)).isEqualTo(LocalDate.of(2028, 1, 26));
    assertThat(vietnam.newYear(2029)).isEqualTo(LocalDate.of(2029, 2, 13));
    assertThat(vietnam.newYear(2030)).isEqualTo(LocalDate.of(2030, 2, 2));
    assertThat(new LunarCalendar(8).newYear(2030)).isEqualTo(LocalDate.of(2030, 2, 3));
  }

  @Test
  void hungKingsDayIsTheTenthOfTheThirdMonth() {
    assertThat(vietnam.toSolar(10, 3, 2025, false)).isEqualTo(LocalDate.of(2025, 4, 7));
    assertThat(vietnam.toSolar(10, 3, 2026, false)).isEqualTo(LocalDate.of(2026, 4, 26));
    assertThat(vietnam.toSolar(10, 3, 2027, false)).isEqualTo(LocalDate.of(2027, 4, 16));
    assertThat(vietnam.toLunar(LocalDate.of(2027, 4, 16)))
        .isEqualTo(new LunarCalendar.LunarDate(10, 3, 2027, false));
  }

  @Test
  void solarToLunarAndBackAgreeOnEveryDayOfTheCalendarsYears() {
    for (LocalDate d = LocalDate.of(2024, 12, 1); d.isBefore(LocalDate.of(2031, 2, 1)); d = d.plusDays(1)) {
      LunarCalendar.LunarDate l = vietnam.toLunar(d);
      assertThat(vietnam.toSolar(l.day(), l.month(), l.year(), l.leap())).as(d + " " + l).isEqualTo(d);
    }
    // 2025 has a leap sixth month (Ất Tỵ): the day after the 29th/30th of month 6 is leap 6/1.
    assertThat(vietnam.toLunar(LocalDate.of(2025, 7, 25))).isEqualTo(new LunarCalendar.LunarDate(1, 6, 2025, true));
  }

  /**
   * At UTC+8 the algorithm is China's calendar. Over 1990–2049 it agrees with ICU4J's
   * ChineseCalendar on every month but five, each a new moon within minutes of Beijing's midnight
   * where ICU's coarser moon lands on the other side (e.g. 2/2/2030 16:07 UTC, 00:07 in Beijing:
   * China's Tết is 3/2/2030, as published, and ICU says 2/2). So ICU is a cross-check, not an
   * oracle, and never the source of Vietnam's dates (docs/decisions.md D18). At UTC+7 the calendar
   * differs from China's in a few months only, 2030's Tết among them.
   */
  @Test
  void atUtcPlus8ItAgreesWithIcuAndAtUtcPlus7DiffersOnlyInAFewMonths() {
    LunarCalendar china = new LunarCalendar(8);
    ChineseCalendar icu = new ChineseCalendar(TimeZone.getTimeZone("GMT+08:00"));
    Set<LocalDate> icuStarts = new TreeSet<>();
    Set<LocalDate> chinaStarts = new TreeSet<>();
    Set<LocalDate> vietnamStarts = new TreeSet<>();
    for (LocalDate d = LocalDate.of(1990, 1, 1); d.isBefore(LocalDate.of(2050, 1, 1)); d = d.plusDays(1)) {
      icu.setTime(Date.from(d.atTime(12, 0).toInstant(ZoneOffset.ofHours(8))));
      if (icu.get(ChineseCalendar.DAY_OF_MONTH) == 1) {
        icuStarts.add(d);
        // Where the month starts agree, so do the month's number and leap.
        assertThat(china.toLunar(d).day() != 1 || new LunarCalendar.LunarDate(1,
            icu.get(ChineseCalendar.MONTH) + 1, china.toLunar(d).year(), icu.get(ChineseCalendar.IS_LEAP_MONTH) == 1)
            .equals(china.toLunar(d))).as(d.toString()).isTrue();
      }
      if (china.toLunar(d).day() == 1) {
        chinaStarts.add(d);
      }
      if (vietnam.toLunar(d).day() == 1) {
        vietnamStarts.add(d);
      }
    }
    assertThat(differences(icuStarts, chinaStarts)).as("month starts ICU vs ours at UTC+8")
        .containsExactly(LocalDate.of(1999, 1, 17), LocalDate.of(1999, 1, 18), LocalDate.of(2012, 8, 17),
            LocalDate.of(2012, 8, 18), LocalDate.of(2018, 11, 7), LocalDate.of(2018, 11, 8),
            LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 7), LocalDate.of(2030, 2, 2), LocalDate.of(2030, 2, 3));
    assertThat(differences(chinaStarts, vietnamStarts)).as("month starts UTC+8 vs UTC+7")
        .contains(LocalDate.of(2030, 2, 2), LocalDate.of(2030, 2, 3)).hasSizeLessThan(60)
        .noneMatch(d -> d.getYear() >= 2025 && d.getYear() <= 2029);
  }

  private static Set<LocalDate> differences(Set<LocalDate> a, Set<LocalDate> b) {
    Set<LocalDate> out = new TreeSet<>(a);
    out.addAll(b);
    Set<LocalDate> both = new TreeSet<>(a);
    both.retainAll(b);
    out.removeAll(both);
    return out;
  }
}

package vn.dossierpost.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Working days of 2025 and 2026 as the government announced them, and deadlines across them. */
class WorkingCalendarTest {

  private static final WorkingCalendar CAL = WorkingCalendar.shipped();

  private static LocalDate d(int y, int m, int day) {
    return LocalDate.of(y, m, day);
  }

  private static List<LocalDate> daysOff(LocalDate from, LocalDate to) {
    return Stream.iterate(from, x -> !x.isAfter(to), x -> x.plusDays(1))
        .filter(x -> !CAL.isWorkingDay(x)).toList();
  }

  @Test
  void holidaysOf2025AsAnnounced() {
    assertThat(CAL.isWorkingDay(d(2025, 1, 1))).isFalse();
    // Tết Ất Tỵ: Saturday 25/1 to Sunday 2/2, Monday 27/1 to Friday 31/1 off.
    assertThat(daysOff(d(2025, 1, 24), d(2025, 2, 3))).containsExactly(d(2025, 1, 25), d(2025, 1, 26),
        d(2025, 1, 27), d(2025, 1, 28), d(2025, 1, 29), d(2025, 1, 30), d(2025, 1, 31), d(2025, 2, 1), d(2025, 2, 2));
    assertThat(CAL.isWorkingDay(d(2025, 1, 24))).isTrue();
    assertThat(CAL.isWorkingDay(d(2025, 2, 3))).isTrue();
    assertThat(CAL.isWorkingDay(d(2025, 4, 7))).isFalse(); // Hùng Kings, Monday
    // 30/4–1/5 with the swap: Friday 2/5 off, Saturday 26/4 worked.
    assertThat(CAL.isWorkingDay(d(2025, 4, 26))).isTrue();
    assertThat(daysOff(d(2025, 4, 28), d(2025, 5, 5))).containsExactly(d(2025, 4, 30), d(2025, 5, 1),
        d(2025, 5, 2), d(2025, 5, 3), d(2025, 5, 4));
    assertThat(daysOff(d(2025, 8, 29), d(2025, 9, 3))).containsExactly(d(2025, 8, 30), d(2025, 8, 31),
        d(2025, 9, 1), d(2025, 9, 2));
    assertThat(CAL.holidayName(d(2025, 9, 2))).contains("Quốc khánh (2/9)");
    assertThat(CAL.holidayName(d(2025, 4, 26))).isEmpty();
  }

  @Test
  void holidaysOf2026AsAnnounced() {
    // New Year: Thursday 1/1 and Friday 2/1 off, Saturday 10/1 worked instead.
    assertThat(daysOff(d(2025, 12, 31), d(2026, 1, 5))).containsExactly(d(2026, 1, 1), d(2026, 1, 2),
        d(2026, 1, 3), d(2026, 1, 4));
    assertThat(CAL.isWorkingDay(d(2026, 1, 10))).isTrue();
    // Tết Bính Ngọ: Saturday 14/2 to Sunday 22/2.
    assertThat(daysOff(d(2026, 2, 13), d(2026, 2, 23))).containsExactly(d(2026, 2, 14), d(2026, 2, 15),
        d(2026, 2, 16), d(2026, 2, 17), d(2026, 2, 18), d(2026, 2, 19), d(2026, 2, 20), d(2026, 2, 21),
        d(2026, 2, 22));
    assertThat(CAL.holidayName(d(2026, 2, 17))).contains("Tết Nguyên đán (mùng 1 tháng Giêng)");
    // Hùng Kings on Sunday 26/4, compensated Monday 27/4; 30/4 and 1/5 Thursday and Friday.
    assertThat(daysOff(d(2026, 4, 24), d(2026, 5, 4))).containsExactly(d(2026, 4, 25), d(2026, 4, 26),
        d(2026, 4, 27), d(2026, 4, 30), d(2026, 5, 1), d(2026, 5, 2), d(2026, 5, 3));
    assertThat(CAL.holidayName(d(2026, 4, 27))).contains("Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)");
    // National Day: Saturday 29/8 to Wednesday 2/9, Monday 31/8 swapped with Saturday 22/8.
    assertThat(CAL.isWorkingDay(d(2026, 8, 22))).isTrue();
    assertThat(daysOff(d(2026, 8, 28), d(2026, 9, 3))).containsExactly(d(2026, 8, 29), d(2026, 8, 30),
        d(2026, 8, 31), d(2026, 9, 1), d(2026, 9, 2));
  }

  @Test
  void aDeadlineCountsWorkingDaysAfterTheDayOfReceipt() {
    // Across a weekend: received Thursday 6/3/2025, 3 working days: Fri, Mon, Tue.
    assertThat(CAL.addWorkingDays(d(2025, 3, 6), 3)).isEqualTo(d(2025, 3, 11));
    // Received on a Saturday: the first working day after it counts as the first.
    assertThat(CAL.addWorkingDays(d(2025, 3, 8), 1)).isEqualTo(d(2025, 3, 10));
    assertThat(CAL.addWorkingDays(d(2025, 3, 6), 0)).isEqualTo(d(2025, 3, 6));
    // Across Tết 2026: received Friday 13/2, 2 working days: Monday 23/2, Tuesday 24/2.
    assertThat(CAL.addWorkingDays(d(2026, 2, 13), 2)).isEqualTo(d(2026, 2, 24));
    // Across Tết 2025: received Friday 24/1, 5 working days: 3/2 to 7/2.
    assertThat(CAL.addWorkingDays(d(2025, 1, 24), 5)).isEqualTo(d(2025, 2, 7));
    // Across 30/4–1/5/2025: received Friday 25/4, 3 working days: Sat 26/4 (worked), Mon 28, Tue 29.
    assertThat(CAL.addWorkingDays(d(2025, 4, 25), 3)).isEqualTo(d(2025, 4, 29));
    assertThat(CAL.addWorkingDays(d(2025, 4, 29), 1)).isEqualTo(d(2025, 5, 5));
    // Across 2/9/2026: received Friday 28/8, 2 working days: Thursday 3/9, Friday 4/9.
    assertThat(CAL.addWorkingDays(d(2026, 8, 28), 2)).isEqualTo(d(2026, 9, 4));
    // The day of receipt is the day in Vietnam: 17:30 UTC on Thursday 12/2/2026 is Friday 00:30.
    assertThat(CAL.dueDate(java.time.OffsetDateTime.parse("2026-02-12T17:30:00Z"), 2)).isEqualTo(d(2026, 2, 24));
    assertThat(CAL.dueDate(java.time.OffsetDateTime.parse("2026-02-12T16:30:00Z"), 2)).isEqualTo(d(2026, 2, 23));
    assertThat(WorkingCalendar.overdue(d(2026, 2, 24), java.time.OffsetDateTime.parse("2026-02-24T16:59:00Z")))
        .isFalse();
    assertThat(WorkingCalendar.overdue(d(2026, 2, 24), java.time.OffsetDateTime.parse("2026-02-24T17:00:00Z")))
        .isTrue();
    // Across 2/9/2025: received Friday 29/8, 1 working day: Wednesday 3/9.
    assertThat(CAL.addWorkingDays(d(2025, 8, 29), 1)).isEqualTo(d(2025, 9, 3));
  }

  @Test
  void workingDaysBetweenIsTheInverseOfAdding() {
    for (LocalDate from = d(2025, 1, 1); from.isBefore(d(2026, 12, 1)); from = from.plusDays(3)) {
      for (int n : new int[] {1, 2, 3, 7, 15}) {
        assertThat(CAL.workingDaysBetween(from, CAL.addWorkingDays(from, n))).as(from + " +" + n).isEqualTo(n);
      }
    }
    assertThat(CAL.workingDaysBetween(d(2026, 2, 24), d(2026, 2, 13))).isEqualTo(-2);
    assertThat(CAL.workingDaysBetween(d(2026, 2, 13), d(2026, 2, 22))).isZero();
  }

  @Test
  void yearsOutsideTheCalendarAreRefusedNotGuessed() {
    assertThat(CAL.firstYear()).isEqualTo(2025);
    assertThat(CAL.lastYear()).isEqualTo(2030);
    assertThatThrownBy(() -> CAL.isWorkingDay(d(2024, 12, 31))).isInstanceOf(YearNotCoveredException.class)
        .hasMessageContaining("2025–2030");
    assertThatThrownBy(() -> CAL.holidayName(d(2031, 1, 1))).isInstanceOf(YearNotCoveredException.class);
    assertThatThrownBy(() -> CAL.addWorkingDays(d(2030, 12, 27), 5)).isInstanceOf(YearNotCoveredException.class);
    assertThatThrownBy(() -> CAL.addWorkingDays(d(2026, 1, 5), -1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(CAL.addWorkingDays(d(2030, 12, 27), 2)).isEqualTo(d(2030, 12, 31));
  }

  @Test
  void anOperatorsFileAddsAndOverridesDaysAndABadOneStopsTheStart(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("holidays.csv");
    Files.writeString(file, """
        # 2027 as announced (example)
        date,kind,name,source
        2027-02-10,WORK,Ngày làm việc,announced: example
        2027-11-24,OFF,"Ngày Văn hóa Việt Nam"
        """, StandardCharsets.UTF_8);
    WorkingCalendar cal = WorkingCalendar.load(Optional.of(file));
    assertThat(CAL.isWorkingDay(d(2027, 2, 10))).isFalse();
    assertThat(cal.isWorkingDay(d(2027, 2, 10))).isTrue();
    assertThat(cal.isWorkingDay(d(2027, 11, 24))).isFalse();
    assertThat(cal.holidayName(d(2027, 11, 24))).contains("Ngày Văn hóa Việt Nam");

    Files.writeString(file, "2031-01-01,OFF,Tết Dương lịch\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WorkingCalendar.load(Optional.of(file))).hasMessageContaining("outside");
    Files.writeString(file, "2027-13-01,OFF,x\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WorkingCalendar.load(Optional.of(file))).hasMessageContaining("line 1");
    Files.writeString(file, "2027-12-01,HOLIDAY,x\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WorkingCalendar.load(Optional.of(file))).hasMessageContaining("line 1");
    assertThatThrownBy(() -> WorkingCalendar.load(Optional.of(dir.resolve("none.csv"))))
        .hasMessageContaining("DP_HOLIDAYS_FILE");
  }
}

package vn.dossierpost.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.dossierpost.calendar.CalendarDay.Kind;

/**
 * The public holidays of Labour Code 2019, Art. 112, for one year, as rules compute them before
 * the government's announcement: New Year 1/1; Lunar New Year, five days (the last day of the old
 * year and the first four of the new: where the government has put them most years); Hùng Kings
 * 10/3 lunar; 30/4; 1/5; National Day 2/9 and the day next to it that makes the longer break (the
 * day after when 2/9 is a Monday or a Thursday, else the day before); and, per Art. 112(3), a
 * holiday on a Saturday or Sunday is compensated on the next working day. Lunar dates come from
 * {@link LunarCalendar} at UTC+7. The shipped data file is this output, corrected by the
 * announcements; {@code HolidayDataTest} holds the two together.
 *
 * <p>Run {@code main} with years to print their rows, e.g. to add a year to the data file.
 */
final class HolidayRules {

  static final String RULE = "rule";

  private final LunarCalendar lunar = LunarCalendar.vietnam();

  /** The rule-based days of {@code year}, in date order; {@code source} is {@link #RULE}. */
  List<CalendarDay> year(int year) {
    List<CalendarDay> holidays = new ArrayList<>();
    holidays.add(off(LocalDate.of(year, 1, 1), "Tết Dương lịch"));
    LocalDate tet = lunar.newYear(year);
    for (LocalDate d = tet.minusDays(1); !d.isAfter(tet.plusDays(3)); d = d.plusDays(1)) {
      holidays.add(off(d, "Tết Nguyên đán (" + lunarLabel(d) + ")"));
    }
    holidays.add(off(lunar.toSolar(10, 3, year, false), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
    holidays.add(off(LocalDate.of(year, 4, 30), "Ngày Chiến thắng (30/4)"));
    holidays.add(off(LocalDate.of(year, 5, 1), "Ngày Quốc tế Lao động (1/5)"));
    LocalDate national = LocalDate.of(year, 9, 2);
    DayOfWeek dow = national.getDayOfWeek();
    LocalDate next = dow == DayOfWeek.MONDAY || dow == DayOfWeek.THURSDAY
        ? national.plusDays(1) : national.minusDays(1);
    holidays.add(off(national, "Quốc khánh (2/9)"));
    holidays.add(off(next, "Quốc khánh (ngày liền kề 2/9)"));
    holidays.sort(Comparator.comparing(CalendarDay::date));

    Set<LocalDate> taken = new HashSet<>();
    holidays.forEach(h -> taken.add(h.date()));
    List<CalendarDay> days = new ArrayList<>(holidays);
    for (CalendarDay h : holidays) {
      if (weekend(h.date())) {
        LocalDate sub = h.date().plusDays(1);
        while (weekend(sub) || taken.contains(sub)) {
          sub = sub.plusDays(1);
        }
        taken.add(sub);
        days.add(off(sub, "Nghỉ bù " + h.name()));
      }
    }
    days.sort(Comparator.comparing(CalendarDay::date));
    return days;
  }

  static boolean weekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static CalendarDay off(LocalDate date, String name) {
    return new CalendarDay(date, Kind.OFF, name, RULE);
  }

  private String lunarLabel(LocalDate d) {
    LunarCalendar.LunarDate l = lunar.toLunar(d);
    if (l.month() == 12) {
      return l.day() + " tháng Chạp";
    }
    return (l.day() <= 10 ? "mùng " : "") + l.day() + " tháng Giêng";
  }

  public static void main(String[] args) {
    HolidayRules rules = new HolidayRules();
    System.out.println(CalendarDay.HEADER);
    for (String arg : args) {
      for (CalendarDay d : rules.year(Integer.parseInt(arg))) {
        System.out.println(new CalendarDay(d.date(), d.kind(), d.name(), "rule (no announcement yet)").csv());
      }
    }
  }
}

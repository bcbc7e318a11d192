package vn.dossierpost.calendar;

import java.time.LocalDate;

/**
 * One row of the calendar's data: a day that is not what its weekday says. {@code OFF}: a day off
 * (a public holiday, its substitute, a swapped day off); {@code WORK}: a working day (a Saturday
 * worked in a swap, or a weekday the rules would have given off but the announcement did not).
 * {@code source}: {@code rule…} for a day the rules give (checked against {@link HolidayRules}),
 * {@code announced: …} for the government's correction, with where it was announced.
 */
record CalendarDay(LocalDate date, Kind kind, String name, String source) {

  enum Kind { OFF, WORK }

  static final String HEADER = "date,kind,name,source";

  boolean fromRules() {
    return source.startsWith("rule");
  }

  String csv() {
    return date + "," + kind + "," + quote(name) + "," + quote(source);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}

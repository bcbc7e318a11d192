package vn.dossierpost.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The shipped data is the rules' output corrected by the announcements: every row marked
 * {@code rule…} is exactly what {@link HolidayRules} computes, every day the rules give is in the
 * file (as a rule row, or replaced by an announced one), and every {@code announced: …} row says
 * where it was announced and really corrects the rules.
 */
class HolidayDataTest {

  @Test
  void theDataFileIsTheRulesOutputExceptTheAnnouncedCorrections() {
    List<CalendarDay> data = WorkingCalendar.shippedRows();
    Map<LocalDate, CalendarDay> rules = new TreeMap<>();
    HolidayRules generator = new HolidayRules();
    for (int year = 2025; year <= 2030; year++) {
      generator.year(year).forEach(d -> rules.put(d.date(), d));
    }
    Map<LocalDate, CalendarDay> byDate = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (CalendarDay d : data) {
      if (byDate.put(d.date(), d) != null) {
        problems.add(d.date() + ": twice");
      }
      CalendarDay rule = rules.get(d.date());
      if (d.fromRules()) {
        if (rule == null || rule.kind() != d.kind() || !rule.name().equals(d.name())) {
          problems.add(d.date() + ": marked rule but the rules give " + rule);
        }
      } else if (!d.source().startsWith("announced: ") || !d.source().matches(".*\\(.+\\).*")) {
        problems.add(d.date() + ": neither rule nor an announcement with its source: " + d.source());
      } else if (rule != null && rule.kind() == d.kind() && rule.name().equals(d.name())) {
        problems.add(d.date() + ": announced but the same as the rule");
      } else if (rule == null && d.kind() == CalendarDay.Kind.WORK && HolidayRules.weekend(d.date()) == false) {
        problems.add(d.date() + ": a WORK row on a weekday the rules do not give off corrects nothing");
      }
    }
    rules.keySet().stream().filter(date -> !byDate.containsKey(date))
        .forEach(date -> problems.add(date + ": given by the rules, missing from the data"));
    assertThat(problems).isEmpty();
    assertThat(data).extracting(d -> d.date().getYear()).containsOnly(2025, 2026, 2027, 2028, 2029, 2030);
  }

  @Test
  void yearsWithoutAnAnnouncementAreRulesOnlyAndSaySo() {
    assertThat(WorkingCalendar.shippedRows()).filteredOn(d -> d.date().getYear() >= 2027)
        .isNotEmpty().allSatisfy(d -> assertThat(d.source()).isEqualTo("rule (no announcement yet)"));
  }

  @Test
  void theCorrectionsAreThoseTheGovernmentAnnouncedFor2025And2026() {
    assertThat(WorkingCalendar.shippedRows()).filteredOn(d -> !d.fromRules())
        .extracting(d -> d.date() + " " + d.kind()).containsExactly(
            "2025-01-27 OFF", "2025-02-03 WORK", "2025-04-26 WORK", "2025-05-02 OFF",
            "2026-01-02 OFF", "2026-01-10 WORK", "2026-08-22 WORK", "2026-08-31 OFF");
  }
}

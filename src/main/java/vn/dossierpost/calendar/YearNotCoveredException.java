package vn.dossierpost.calendar;

/**
 * A date outside the years the calendar knows. The calendar never guesses a year it has no data
 * for: its holidays depend on the government's announcements and on lunar dates.
 */
public final class YearNotCoveredException extends IllegalArgumentException {

  private final int year;

  YearNotCoveredException(int year, int first, int last) {
    super("the working-day calendar covers " + first + "–" + last + ", not " + year);
    this.year = year;
  }

  public int year() {
    return year;
  }
}

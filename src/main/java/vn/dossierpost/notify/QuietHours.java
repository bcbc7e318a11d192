package vn.dossierpost.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The night in Vietnam when non-urgent SMS wait (22:00–07:00 by default; equal ends: none). */
public record QuietHours(LocalTime from, LocalTime until) {

  /** When the quiet ends, if {@code now} falls inside it. */
  public Optional<Instant> endsAfter(Instant now) {
    if (from.equals(until)) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(Progress.VIETNAM);
    LocalTime t = local.toLocalTime();
    boolean quiet = from.isAfter(until)
        ? !t.isBefore(from) || t.isBefore(until)
        : !t.isBefore(from) && t.isBefore(until);
    if (!quiet) {
      return Optional.empty();
    }
    ZonedDateTime end = local.with(until).withSecond(0).withNano(0);
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return Optional.of(end.toInstant());
  }
}

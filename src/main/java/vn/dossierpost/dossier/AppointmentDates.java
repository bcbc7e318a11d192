package vn.dossierpost.dossier;

import java.time.LocalDate;
import java.util.Optional;

/**
 * SEAM for the lead (issue 25 points 3 and 5): the appointment date of a dossier received on
 * {@code receivedOn}, from its procedure's processing time in working days
 * ({@code WorkingCalendar.addWorkingDays(receivedOn, catalogue.processingDays(office, code))}).
 * Until it is wired, {@link #NONE} knows no date and the desk gives one in the receive request.
 */
@FunctionalInterface
public interface AppointmentDates {

  Optional<LocalDate> due(String office, String procedureCode, LocalDate receivedOn);

  AppointmentDates NONE = (office, procedureCode, receivedOn) -> Optional.empty();
}

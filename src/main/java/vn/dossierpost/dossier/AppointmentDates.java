package vn.dossierpost.dossier;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.LocalDate;
import java.util.Optional;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.procedure.Procedures;

/** Appointment dates from the office's catalogue and the working-day calendar. */
public final class AppointmentDates {

  private final WorkingCalendar calendar;

  public AppointmentDates(WorkingCalendar calendar) {
    this.calendar = calendar;
  }

  Future<Optional<LocalDate>> due(SqlClient client, String office, String procedureCode,
      LocalDate receivedOn) {
    return Procedures.appointment(client, calendar, office, procedureCode, receivedOn);
  }

  WorkingCalendar calendar() {
    return calendar;
  }
}

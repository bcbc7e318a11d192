package vn.dossierpost.report;

import io.vertx.core.Deployable;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import vn.dossierpost.access.Offices;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.outbox.ForegroundPressure;

/** The daily report, the attention list and the SLA watchdog that flags orders for it. */
public final class ReportFeature implements Feature {

  private final Pool pool;
  private final Duration slaCheckInterval;
  private final ForegroundPressure pressure;
  private final Offices offices;
  private final WorkingCalendar calendar;

  public ReportFeature(Pool pool, Offices offices, Duration slaCheckInterval,
      ForegroundPressure pressure, WorkingCalendar calendar) {
    this.pool = pool;
    this.offices = offices;
    this.calendar = calendar;
    this.slaCheckInterval = slaCheckInterval;
    this.pressure = pressure;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/reports*", ReportRoutes.router(m.vertx(), pool, offices, calendar));
  }

  @Override
  public List<Deployable> background() {
    return List.of(new SlaWatchdog(pool, slaCheckInterval, pressure, calendar));
  }
}

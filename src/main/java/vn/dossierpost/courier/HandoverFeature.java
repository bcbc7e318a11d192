package vn.dossierpost.courier;

import io.vertx.sqlclient.Pool;
import vn.dossierpost.access.Offices;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.label.HandoverPrinter;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * Post → desk handovers: the courier's record of the collected dossiers for one office, and the
 * desk's receipt of the whole record in one scan. Mounted before {@link CourierFeature}, whose
 * item card shares the courier prefix.
 */
public final class HandoverFeature implements Feature {

  private final HandoverRoutes routes;

  public HandoverFeature(Pool pool, TrackingIngest ingest, Offices offices, HandoverPrinter printer,
      WorkingCalendar calendar) {
    this.routes = new HandoverRoutes(new HandoverService(pool, new ReceiptService(pool, ingest, calendar)),
        offices, printer);
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/courier/handovers*", routes.courier(m.vertx()));
    m.at("/api/v1/handovers*", routes.desk(m.vertx()));
  }
}

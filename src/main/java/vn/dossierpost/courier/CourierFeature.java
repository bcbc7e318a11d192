package vn.dossierpost.courier;

import io.vertx.sqlclient.Pool;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.tracking.TrackingIngest;

/** The courier's scans and item card, and the desk's receipt of a collected dossier. */
public final class CourierFeature implements Feature {

  private final Pool pool;
  private final TrackingIngest ingest;
  private final ManifestService manifests;
  private final WorkingCalendar calendar;

  public CourierFeature(Pool pool, TrackingIngest ingest, ManifestService manifests,
      WorkingCalendar calendar) {
    this.calendar = calendar;
    this.pool = pool;
    this.ingest = ingest;
    this.manifests = manifests;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/orders*", ReceiptRoutes.router(m.vertx(), pool, ingest, calendar));
    m.at("/api/v1/scans*", ScanRoutes.router(m.vertx(), pool, ingest, manifests));
    m.at("/api/v1/courier*", ItemCardRoutes.router(m.vertx(), pool));
  }
}

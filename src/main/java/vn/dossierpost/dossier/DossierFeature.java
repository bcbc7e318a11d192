package vn.dossierpost.dossier;

import io.vertx.sqlclient.Pool;
import vn.dossierpost.courier.DeskReceipts;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.TrackingIngest;

/** Dossiers: storing one with its legs, reading and listing them, and the desk's steps. */
public final class DossierFeature implements Feature {

  private final DossierService dossiers;

  public DossierFeature(Pool pool, Idempotency idempotency, OrderService orders,
      Reconciler reconciler, TrackingIngest ingest, AppointmentDates appointments) {
    this.dossiers = new DossierService(pool, idempotency, orders, reconciler,
        new DeskReceipts(pool, ingest, appointments.calendar()), appointments);
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/dossiers*", DossierRoutes.router(m.vertx(), dossiers));
  }
}

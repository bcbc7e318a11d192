package vn.dossierpost.carrier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import vn.dossierpost.access.Offices;
import vn.dossierpost.config.AppConfig;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * Booking and cancelling with the carrier, polling its tracking feed, and the polled records it
 * sent that the contract refused.
 */
public final class CarrierFeature implements Feature {

  private final Pool pool;
  private final BookingJobs booking;
  private final TrackingPoller poller;

  public CarrierFeature(Pool pool, Offices offices, PostalCarrier carrier, ItemCodes codes,
      Reconciler reconciler, CarrierRecords records, TrackingIngest ingest,
      AppConfig.CarrierConfig account, MeterRegistry registry) {
    this.pool = pool;
    this.booking = new BookingJobs(pool, offices, carrier, reconciler, codes);
    this.poller = new TrackingPoller(pool, carrier, records, ingest, account.name(),
        account.pollInterval(), 500, registry);
  }

  @Override
  public void mount(Mount mount) {
    mount.at("/api/v1/admin/carrier*", CarrierAdminRoutes.router(mount.vertx(), pool));
  }

  @Override
  public Map<String, JobHandler> jobs() {
    return Map.of(OrderService.BOOK_JOB, booking.booking(),
        OrderService.CANCEL_JOB, booking.cancellation());
  }

  @Override
  public List<Deployable> background() {
    return List.of(poller);
  }
}

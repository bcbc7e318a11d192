package vn.dossierpost.tracking;

import io.vertx.core.Deployable;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import vn.dossierpost.feature.Feature;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.outbox.Outbox;

/** An order's timeline and its cancellation; parked events given to their orders. */
public final class TrackingFeature implements Feature {

  private final Pool pool;
  private final OrderService orders;
  private final Reconciler reconciler;
  private final Outbox outbox;

  public TrackingFeature(Pool pool, OrderService orders, Reconciler reconciler, Outbox outbox) {
    this.pool = pool;
    this.orders = orders;
    this.reconciler = reconciler;
    this.outbox = outbox;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/orders*", OrderEventRoutes.router(m.vertx(), pool, orders, reconciler, outbox));
  }

  @Override
  public List<Deployable> background() {
    return List.of(new ParkedSweeper(pool, reconciler, Duration.ofSeconds(5)));
  }
}

package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.db.Outage;
import vn.dossierpost.db.Rounds;

/**
 * Gives parked events (their item code had no order yet) to their order once one carries that
 * code, and reconciles it. Booking adopts them too, but an event can be parked by a transaction
 * that started before the booking committed; this sweep catches those within seconds.
 */
public final class ParkedSweeper extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ParkedSweeper.class);

  private final Pool pool;
  private final Reconciler reconciler;
  private final Duration every;
  private Rounds rounds;

  public ParkedSweeper(Pool pool, Reconciler reconciler, Duration every) {
    this.pool = pool;
    this.reconciler = reconciler;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    rounds = Rounds.every(vertx, "parked_sweeper", every, every, this::sweep);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    rounds.cancel();
    return Future.succeededFuture();
  }

  /** Answers how many orders got parked events. */
  public Future<Integer> sweep() {
    return pool.withTransaction(tx -> tx.query(EventSql.ADOPT_ALL_PARKED).execute().compose(rows -> {
      List<UUID> orders = new ArrayList<>();
      for (Row row : rows) {
        orders.add(row.getUUID("order_id"));
      }
      return reconciler.reconcile(tx, orders, Reconciler.audited(tx,
          Actor.system("parked-sweeper", null), "tracking.adopt-parked"))
          .map(changes -> orders.size());
    })).onSuccess(n -> {
      if (n > 0) {
        LOG.info("event=parked_events_adopted orders={}", n);
      }
    }).onFailure(err -> {
      if (!Outage.is(err)) { // an outage is logged by Rounds, once
        LOG.warn("event=parked_sweep_failed error=\"{}\"", err.getMessage());
      }
    });
  }
}

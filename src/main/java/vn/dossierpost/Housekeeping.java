package vn.dossierpost;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.outbox.Outbox;

/** Periodic upkeep: outbox gauges every 10 s; expired idempotency keys and old done jobs hourly. */
final class Housekeeping extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  private final Outbox outbox;
  private final Idempotency idempotency;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong oldestPendingMillis = new AtomicLong();

  Housekeeping(Outbox outbox, Idempotency idempotency, MeterRegistry registry) {
    this.outbox = outbox;
    this.idempotency = idempotency;
    Gauge.builder("outbox_pending_jobs", pending, AtomicLong::get).register(registry);
    Gauge.builder("outbox_dead_jobs", dead, AtomicLong::get).register(registry);
    Gauge.builder("outbox_oldest_pending_seconds", oldestPendingMillis, v -> v.get() / 1000.0)
        .register(registry);
  }

  @Override
  public Future<?> start() {
    refreshGauges();
    vertx.setPeriodic(10_000, id -> refreshGauges());
    vertx.setPeriodic(5_000, 3_600_000, id -> purge());
    return Future.succeededFuture();
  }

  private void refreshGauges() {
    outbox.stats().onSuccess(stats -> {
      pending.set(stats.pending());
      dead.set(stats.dead());
      oldestPendingMillis.set((long) (stats.oldestPendingSeconds() * 1000));
    });
  }

  private void purge() {
    Future.all(idempotency.purgeOlderThanHours(48), outbox.purgeDone(7))
        .onSuccess(all -> LOG.info("event=housekeeping idempotency_keys_purged={} done_jobs_purged={}",
            all.<Integer>resultAt(0), all.<Integer>resultAt(1)))
        .onFailure(err -> LOG.warn("event=housekeeping_failed error=\"{}\"", err.getMessage()));
  }
}

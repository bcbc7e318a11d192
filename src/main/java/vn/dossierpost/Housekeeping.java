package vn.dossierpost;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.db.Outage;
import vn.dossierpost.db.Rounds;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.tracking.inbox.EventInbox;
import vn.dossierpost.tracking.inbox.GroupCommitter;

/**
 * Periodic upkeep: outbox and event-inbox gauges every 10 s; expired idempotency keys, old done
 * jobs and week-old webhook message ids hourly.
 *
 * <p>Counting a grown queue takes a scan: the gauges are counted without parallel workers, and
 * while carrier events wait for a commit slot ({@link ForegroundPressure}) only once a minute
 * (docs/decisions.md, D6).
 */
final class Housekeeping extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  /** The gauges' age at most while carrier events wait for a commit slot. */
  private static final Duration MAX_GAUGE_AGE_UNDER_PRESSURE = Duration.ofMinutes(1);
  private static final String ONE_CORE = "SET LOCAL max_parallel_workers_per_gather = 0";

  private final Pool pool;
  private final Outbox outbox;
  private final Idempotency idempotency;
  private final ForegroundPressure pressure;
  private long refreshedAt = System.nanoTime() - MAX_GAUGE_AGE_UNDER_PRESSURE.toNanos();
  private int refreshes;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  private final AtomicLong inboxWaiting = new AtomicLong();
  private final AtomicLong inboxFailing = new AtomicLong();
  private Rounds gauges;
  private Rounds purges;

  Housekeeping(Pool pool, Outbox outbox, Idempotency idempotency, ForegroundPressure pressure,
      MeterRegistry registry) {
    this.pool = pool;
    this.outbox = outbox;
    this.idempotency = idempotency;
    this.pressure = pressure;
    Gauge.builder("outbox_pending_jobs", pending, AtomicLong::get).register(registry);
    Gauge.builder("outbox_dead_jobs", dead, AtomicLong::get).register(registry);
    Gauge.builder("outbox_oldest_pending_seconds", oldestPendingMillis, v -> v.get() / 1000.0)
        .register(registry);
    Gauge.builder("tracking_inbox_messages", inboxWaiting, AtomicLong::get)
        .description("pushed messages acknowledged and not yet ingested").register(registry);
    Gauge.builder("tracking_inbox_failing_messages", inboxFailing, AtomicLong::get)
        .description("inbox messages that failed to be ingested at least once").register(registry);
  }

  @Override
  public Future<?> start() {
    refreshGauges();
    gauges = Rounds.every(vertx, "gauges", Duration.ofSeconds(10), Duration.ofSeconds(10),
        this::refreshGauges);
    purges = Rounds.every(vertx, "housekeeping", Duration.ofSeconds(5), Duration.ofHours(1), this::purge);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    gauges.cancel();
    purges.cancel();
    return Future.succeededFuture();
  }

  /** Counts the queues for the gauges, unless under pressure and counted less than a minute ago. */
  Future<?> refreshGauges() {
    long now = System.nanoTime();
    if (pressure.isSaturated() && now - refreshedAt < MAX_GAUGE_AGE_UNDER_PRESSURE.toNanos()) {
      return Future.succeededFuture();
    }
    refreshedAt = now;
    refreshes++;
    return pool.withTransaction(tx -> tx.query(ONE_CORE).execute()
            .compose(v -> Outbox.stats(tx))
            .onSuccess(stats -> {
              pending.set(stats.pending());
              dead.set(stats.dead());
              oldestPendingMillis.set((long) (stats.oldestPendingSeconds() * 1000));
            })
            .compose(v -> EventInbox.stats(tx))
            .onSuccess(stats -> {
              inboxWaiting.set(stats.waiting());
              inboxFailing.set(stats.failing());
            }))
        .onFailure(err -> {
          if (!Outage.is(err)) { // an outage is logged by Rounds, once
            LOG.warn("event=gauges_failed error=\"{}\"", err.getMessage());
          }
        });
  }

  /** How many times the gauges were counted (for tests). */
  int refreshes() {
    return refreshes;
  }

  /** Rows a purge statement deletes at most: each statement stays short. */
  private static final int CHUNK = 1_000;
  /** Statements a purge runs at most per hour: a million rows. */
  private static final int MAX_CHUNKS = 1_000;

  /**
   * Runs a purge of at most {@link #CHUNK} rows again and again until one deletes fewer, or
   * {@link #MAX_CHUNKS} ran; answers how many rows it deleted.
   */
  private static Future<Integer> chunks(IntFunction<Future<Integer>> chunk, int done, int round) {
    return chunk.apply(CHUNK).compose(n -> n < CHUNK || round + 1 >= MAX_CHUNKS
        ? Future.succeededFuture(done + n) : chunks(chunk, done + n, round + 1));
  }

  /** Purges what is old enough; answers when done (failures are logged, not raised). */
  Future<Void> purge() {
    return Future.all(idempotency.purgeOlderThanHours(48), chunks(limit -> outbox.purgeDone(7, limit), 0, 0),
            chunks(limit -> GroupCommitter.purgeOldMessageIds(pool, limit), 0, 0))
        .onSuccess(all -> LOG.info("event=housekeeping idempotency_keys_purged={} done_jobs_purged={} "
            + "message_ids_purged={}", all.<Integer>resultAt(0), all.<Integer>resultAt(1),
            all.<Integer>resultAt(2)))
        .onFailure(err -> LOG.warn("event=housekeeping_failed error=\"{}\"", err.getMessage()))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }
}

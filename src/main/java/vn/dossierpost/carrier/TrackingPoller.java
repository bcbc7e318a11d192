package vn.dossierpost.carrier;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.db.Backoff;
import vn.dossierpost.db.Outage;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.tracking.CarrierRecords;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * Pulls the carrier's tracking feed after the stored cursor. Only one instance polls: it holds
 * a PostgreSQL advisory lock on a connection of its own; if that instance dies, its connection
 * closes, the lock is freed and another takes over. Each page's events and the cursor that
 * follows them commit in one transaction. While the carrier fails, it backs off (with jitter)
 * up to a minute.
 */
public final class TrackingPoller extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingPoller.class);
  static final long LOCK_KEY = 45_2016_0001L;
  static final String START = "000000000000000000000000";
  private static final String CURSOR = "SELECT last_id FROM carrier_cursors WHERE carrier = $1";
  private static final String MOVE = """
      INSERT INTO carrier_cursors (carrier, last_id) VALUES ($1, $2)
      ON CONFLICT (carrier) DO UPDATE SET last_id = excluded.last_id, updated_at = now()
      """;

  private final Pool pool;
  private final PostalCarrier carrier;
  private final CarrierRecords records;
  private final TrackingIngest ingest;
  private final String carrierName;
  private final Duration interval;
  private final int pageSize;
  private final MeterRegistry metrics;
  private SqlConnection lockConnection;
  private boolean stopped;
  private long timer = -1;
  private int failures;
  private final Backoff database = Backoff.database(LOG, "tracking_poller");

  public TrackingPoller(Pool pool, PostalCarrier carrier, CarrierRecords records,
      TrackingIngest ingest, String carrierName, Duration interval, int pageSize,
      MeterRegistry metrics) {
    this.pool = pool;
    this.carrier = carrier;
    this.records = records;
    this.ingest = ingest;
    this.carrierName = carrierName;
    this.interval = interval;
    this.pageSize = pageSize;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    schedule(Duration.ZERO);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return lockConnection == null ? Future.succeededFuture() : lockConnection.close();
  }

  private void schedule(Duration after) {
    if (stopped) {
      return;
    }
    timer = vertx.setTimer(Math.max(1, after.toMillis()), id -> tick());
  }

  private void tick() {
    leadership().onComplete(ar -> {
      if (ar.failed()) {
        dropLock();
        schedule(database.failed(ar.cause()));
        return;
      }
      database.succeeded();
      if (!ar.result()) {
        schedule(interval.multipliedBy(5));
      } else {
        pollPage();
      }
    });
  }

  /** Whether this instance holds the poller lock, taking it if it is free. */
  private Future<Boolean> leadership() {
    if (lockConnection != null) {
      return Future.succeededFuture(true);
    }
    return pool.getConnection().compose(conn -> conn
        .preparedQuery("SELECT pg_try_advisory_lock($1) AS held").execute(Tuple.of(LOCK_KEY))
        .compose(rows -> {
          if (rows.iterator().next().getBoolean("held")) {
            lockConnection = conn;
            conn.closeHandler(v -> {
              if (lockConnection == conn) {
                lockConnection = null;
              }
            });
            LOG.info("event=poller_leader carrier={}", carrierName);
            return Future.succeededFuture(true);
          }
          return conn.close().map(false);
        }));
  }

  private void dropLock() {
    if (lockConnection != null) {
      lockConnection.close();
      lockConnection = null;
    }
  }

  private void pollPage() {
    pool.preparedQuery(CURSOR).execute(Tuple.of(carrierName))
        .map(rows -> rows.size() == 0 ? START : rows.iterator().next().getString("last_id"))
        .compose(cursor -> carrier.track(cursor, pageSize).compose(page -> store(cursor, page)))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            failures = 0;
            database.succeeded();
            schedule(ar.result() >= pageSize ? Duration.ZERO : interval);
          } else if (Outage.is(ar.cause())) {
            // The database, not the carrier, failed: retried as soon as it is back.
            schedule(database.failed(ar.cause()));
          } else {
            failures++;
            metrics.counter("tracking_poll_failures_total").increment();
            long ceiling = Math.min(60_000, interval.toMillis() << Math.min(failures, 10));
            long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
            LOG.warn("event=poll_failed failures={} retry_ms={} error=\"{}\"", failures, delay,
                ar.cause().getMessage());
            schedule(Duration.ofMillis(delay));
          }
        });
  }

  /**
   * The page's events, its rejected records and the next cursor, in one transaction: a record
   * the contract refuses is parked for an admin and the others go on. Answers how many came.
   */
  private Future<Integer> store(String cursor, PostalCarrier.TrackingPage page) {
    if (page.records().isEmpty()) {
      return Future.succeededFuture(0);
    }
    CarrierRecords.Page read = records.readPage(page.records(), Instant.now());
    if (!read.rejected().isEmpty()) {
      FieldError first = read.rejected().get(0).errors().get(0);
      LOG.warn("event=poll_records_rejected count={} after={} first=\"{}\"", read.rejected().size(),
          cursor, first.field() + ": " + first.message());
      metrics.counter("tracking_rejected_records_total").increment(read.rejected().size());
    }
    return pool.withTransaction(tx -> ingest.ingest(tx,
            Actor.signed(Actor.CARRIER, carrierName, "poll:" + cursor), read.events())
            .compose(outcomes -> RejectedRecords.park(tx, carrierName, cursor, read.rejected()))
            .compose(parked -> tx.preparedQuery(MOVE).execute(Tuple.of(carrierName, page.lastId()))))
        .map(v -> {
          metrics.counter("tracking_polled_records_total").increment(page.records().size());
          return page.records().size();
        });
  }
}

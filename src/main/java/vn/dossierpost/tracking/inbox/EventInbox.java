package vn.dossierpost.tracking.inbox;

import vn.dossierpost.tracking.TrackingIngest;
import vn.dossierpost.tracking.TrackingEvent;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.CarrierRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.db.Backoff;
import vn.dossierpost.db.Outage;
import vn.dossierpost.db.Wakeups;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.outbox.Outbox;

/**
 * Ingests the pushed messages that {@link GroupCommitter} acknowledged into the event inbox:
 * takes the oldest in batches, {@code concurrency} batches at a time ({@code FOR UPDATE SKIP
 * LOCKED}, so that batches and instances share them without overlap), takes their message ids,
 * runs the events of those whose id was new through {@link TrackingIngest} and deletes them all,
 * in one transaction. Status changes and their side effects are therefore as durable as ever,
 * and come a moment after the carrier's 2xx instead of with it.
 *
 * <p>A batch that fails is tried message by message; a message that fails alone stays in the
 * inbox with its error and is tried again after a growing pause (1 s, 2 s, … up to an hour),
 * without holding up the others.
 *
 * <p>While ingest is saturated ({@link ForegroundPressure}) the processor steps aside: it takes
 * at most {@code yieldRows} messages per {@code yieldPause}, unless the oldest it took waited
 * more than {@code maxLag}, in which case it runs at full speed again. It reports how far
 * behind it is to {@link InboxBacklog}, which group commit consults before taking more.
 */
public final class EventInbox extends VerticleBase {

  public static final String WAKE_ADDRESS = "dossierpost.inbox.wake";
  private static final Logger LOG = LoggerFactory.getLogger(EventInbox.class);

  /**
   * The oldest messages due, at most {@code $1} of them, and of those the leading ones that
   * hold at most {@code $2} events (always at least one).
   */
  static final String CLAIM = """
      SELECT id, message_id, kind, body, received_at, attempts,
             extract(epoch FROM clock_timestamp() - received_at)::float8 AS lag_seconds
      FROM (SELECT *, sum(events) OVER (ORDER BY id) AS upto
            FROM (SELECT id, message_id, kind, body, events, received_at, attempts
                  FROM event_inbox WHERE not_before <= now()
                  ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) AS picked) AS counted
      WHERE upto - events < $2
      ORDER BY id
      """;
  static final String CLAIM_ONE = """
      SELECT id, message_id, kind, body, received_at, attempts, 0::float8 AS lag_seconds
      FROM event_inbox WHERE id = $1 AND not_before <= now() FOR UPDATE SKIP LOCKED
      """;
  /**
   * Takes the message ids of a claim: answers those that were not taken before. In sorted order,
   * so that two batches taking the same ids wait for each other instead of deadlocking.
   */
  static final String TAKE = """
      INSERT INTO webhook_messages (id)
      SELECT DISTINCT m FROM unnest($1::text[]) AS m WHERE m IS NOT NULL ORDER BY m
      ON CONFLICT DO NOTHING
      RETURNING id
      """;
  static final String DELETE = "DELETE FROM event_inbox WHERE id = ANY($1)";
  static final String FAILED = """
      UPDATE event_inbox SET attempts = attempts + 1, last_error = left($2, 500),
             not_before = now() + least(interval '1 hour', interval '1 second' * power(2, attempts))
      WHERE id = $1
      """;

  /** Messages waiting, and those among them that failed at least once. */
  private static final String STATS =
      "SELECT count(*), count(*) FILTER (WHERE attempts > 0) FROM event_inbox";

  /** How many messages wait in the inbox, and how many of them failed at least once. */
  public record Stats(long waiting, long failing) {
  }

  public static Future<Stats> stats(SqlClient client) {
    return client.query(STATS).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Stats(row.getLong(0), row.getLong(1));
    });
  }

  /** How the processor steps aside while ingest is saturated. */
  public record Yield(ForegroundPressure pressure, int rows, Duration pause, Duration maxLag) {

    public Yield {
      if (rows < 1) {
        throw new IllegalArgumentException("at least one message is taken while yielding");
      }
    }

    /** Never yields. */
    public static Yield never() {
      return new Yield(ForegroundPressure.none(), 1, Duration.ZERO, Duration.ZERO);
    }
  }

  private record Claimed(List<Long> ids, List<Row> rows, double lagSeconds) {
  }

  private final Pool pool;
  private final TrackingIngest ingest;
  private final CarrierRecords records;
  private final Outbox outbox;
  private final int batchRows;
  private final int batchEvents;
  private final Yield yield;
  private final Duration pollInterval;
  private final Counter ingested;
  private final Counter failures;
  private final InboxBacklog backlog;
  private final int concurrency;
  private int running;
  private boolean behind;
  private Wakeups wakeups;
  private final Backoff backoff = Backoff.database(LOG, "tracking_inbox");

  public EventInbox(Pool pool, TrackingIngest ingest, CarrierRecords records, Outbox outbox,
      int concurrency, int batchRows, int batchEvents, Yield yield, InboxBacklog backlog,
      Duration pollInterval, MeterRegistry metrics) {
    this.pool = pool;
    this.ingest = ingest;
    this.records = records;
    this.outbox = outbox;
    this.concurrency = concurrency;
    this.batchRows = batchRows;
    this.batchEvents = batchEvents;
    this.yield = yield;
    this.backlog = backlog;
    this.pollInterval = pollInterval;
    this.ingested = Counter.builder("tracking_inbox_events")
        .description("events ingested from the inbox").register(metrics);
    this.failures = Counter.builder("tracking_inbox_failures")
        .description("inbox messages that could not be ingested and wait to be tried again")
        .register(metrics);
    metrics.gauge("tracking_inbox_lag_seconds", backlog, InboxBacklog::lagSeconds);
  }

  @Override
  public Future<?> start() {
    wakeups = new Wakeups(vertx, WAKE_ADDRESS, this::pump);
    return wakeups.start();
  }

  @Override
  public Future<?> stop() {
    return wakeups.stop();
  }

  /**
   * Starts batches until {@code concurrency} run (their claims skip each other's messages);
   * while yielding, one small batch per pause.
   */
  private void pump() {
    while (!wakeups.stopped()) {
      boolean yielding = !behind && yield.pressure().isSaturated();
      // While failing, only the backoff's delayed run tries again; wakes wait for it.
      if (running >= (yielding ? 1 : concurrency)
          || (yielding || backoff.failures() > 0) && wakeups.pending()) {
        return;
      }
      running++;
      batch(yielding ? Math.min(batchRows, yield.rows()) : batchRows).onComplete(ar -> {
        running--;
        if (ar.failed()) {
          wakeups.later(backoff.failed(ar.cause()));
          return;
        }
        backoff.succeeded();
        if (ar.result() == 0) {
          wakeups.later(pollInterval);
        } else if (!behind && yield.pressure().isSaturated()) {
          wakeups.later(yield.pause());
        } else {
          pump();
        }
      });
    }
  }

  /**
   * One transaction over the oldest messages; answers how many were taken. If it fails, the
   * messages are tried one by one.
   */
  private Future<Integer> batch(int rows) {
    List<Long> taken = new ArrayList<>();
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(rows, batchEvents))
            .compose(claimed -> ingest(tx, claimed, taken, true)))
        .map(n -> {
          if (n > 0) {
            outbox.wake();
          }
          return n;
        })
        .recover(err -> {
          // Without the database, trying each message alone would fail as surely.
          if (taken.isEmpty() || Outage.is(err)) {
            return Future.failedFuture(err);
          }
          Future<Void> alone = Future.succeededFuture();
          for (long id : taken) {
            alone = alone.compose(v -> one(id));
          }
          return alone.map(v -> taken.size());
        });
  }

  /** One message in a transaction of its own; if it fails, its error is kept with it. */
  private Future<Void> one(long id) {
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM_ONE).execute(Tuple.of(id))
            .compose(claimed -> ingest(tx, claimed, new ArrayList<>(), false)))
        .<Void>mapEmpty()
        .recover(err -> {
          failures.increment();
          String error = describe(err);
          LOG.warn("event=inbox_message_failed id={} error=\"{}\"", id, error);
          return pool.preparedQuery(FAILED).execute(Tuple.of(id, error))
              .<Void>mapEmpty()
              .recover(again -> Future.succeededFuture());
        });
  }

  /** The error, with the fields named if the body could not be read. */
  private static String describe(Throwable err) {
    if (err instanceof ProblemException problem && !problem.problem().errors().isEmpty()) {
      return err.getMessage() + " " + problem.problem().errors().stream()
          .map(e -> e.field() + ": " + e.message()).toList();
    }
    return String.valueOf(err.getMessage());
  }

  /**
   * Takes the claimed messages' ids, ingests the events of those whose id is new (or that have
   * none) and deletes them all; answers how many. A message whose id was taken before is a repeat
   * the carrier sent while the first copy waited here, and only goes. A claim of the oldest
   * messages ({@code oldest}) also tells how far behind the inbox is.
   */
  private Future<Integer> ingest(SqlConnection tx, RowSet<Row> rows, List<Long> taken,
      boolean oldest) {
    Claimed claimed = read(rows, taken);
    // Nothing claimed says the inbox is empty only if no other batch holds messages: its
    // claim may have taken every message there was, or skipped past them.
    if (oldest && (!claimed.ids().isEmpty() || running <= 1)) {
      backlog.observed(claimed.lagSeconds());
      behind = claimed.lagSeconds() > yield.maxLag().toMillis() / 1000.0;
    }
    if (claimed.ids().isEmpty()) {
      return Future.succeededFuture(0);
    }
    Future<?> delete = tx.preparedQuery(DELETE)
        .execute(Tuple.of(claimed.ids().toArray(new Long[0])));
    Map<String, Actor> senders = new HashMap<>();
    Future<List<TrackingEvent>> events = tx.preparedQuery(TAKE)
        .execute(Tuple.of(claimed.rows().stream().map(r -> r.getString("message_id"))
            .toArray(String[]::new)))
        .map(fresh -> {
          Set<String> ids = new HashSet<>();
          fresh.forEach(row -> ids.add(row.getString(0)));
          List<TrackingEvent> kept = new ArrayList<>();
          for (Row row : claimed.rows()) {
            String messageId = row.getString("message_id");
            // the first of the claim's messages with an id that was new takes it
            if (messageId == null || ids.remove(messageId)) {
              List<TrackingEvent> read = events(row);
              Actor sender = Actor.signed(Actor.CARRIER, row.getString("kind"), messageId);
              read.forEach(e -> senders.put(e.dedupKey(), sender));
              kept.addAll(read);
            }
          }
          return kept;
        });
    // Audited as the carrier, under the id of the message that brought each event.
    Actor carrier = Actor.signed(Actor.CARRIER, null, null);
    return Future.all(events.compose(list -> ingest.ingest(tx,
                e -> e == null ? carrier : senders.getOrDefault(e.dedupKey(), carrier), list)
            .map(v -> list.size())), delete)
        .map(all -> {
          ingested.increment(all.<Integer>resultAt(0));
          return claimed.ids().size();
        });
  }

  private Claimed read(RowSet<Row> rows, List<Long> taken) {
    List<Long> ids = new ArrayList<>();
    List<Row> kept = new ArrayList<>();
    double lag = 0;
    for (Row row : rows) {
      ids.add(row.getLong("id"));
      kept.add(row);
      lag = Math.max(lag, row.getDouble("lag_seconds"));
    }
    // Noted before anything can fail: a batch that fails is tried again message by message.
    taken.addAll(ids);
    return new Claimed(ids, kept, lag);
  }

  /** A message's events, read as when it was accepted, received at the time it was stored. */
  private List<TrackingEvent> events(Row row) {
    InboxMessage.Kind kind = InboxMessage.Kind.valueOf(row.getString("kind"));
    Buffer body = row.getBuffer("body");
    Instant received = row.getOffsetDateTime("received_at").toInstant();
    return switch (kind) {
      case VNPOST -> records.readPush(body.toJsonValue(), EventSource.WEBHOOK, received);
      case EMS -> List.of(records.readEms((JsonObject) body.toJsonValue(),
          InboxMessage.emsTransaction(row.getString("message_id")), received));
    };
  }
}

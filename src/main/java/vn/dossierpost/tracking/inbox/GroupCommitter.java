package vn.dossierpost.tracking.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.db.Outage;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.Problems;
import vn.dossierpost.outbox.ForegroundPressure;

/**
 * Group commit for pushed messages: requests that arrive while a commit is under way wait, and
 * go together in the next transaction; each is answered only after the commit that holds its
 * message. Under light load a request commits alone at once; under heavy load one fsync carries
 * hundreds of requests. In between, a lane starts its commits at least {@code spacing} apart,
 * so that a moderate load shares commits too (docs/decisions.md, D2). A transaction puts the
 * batch's messages into the event inbox, in one statement that only appends, leaving out those
 * whose id was taken before; {@link EventInbox} takes their ids and ingests them from there.
 * If the database cannot be reached ({@link Outage}), the whole batch is answered 503 at once.
 *
 * <p>Each event loop that submits has a lane of its own: its requests are batched, committed and
 * answered on that loop, with no hop to another thread and back (D1). Each lane runs at most {@code parallel}
 * transactions at a time, and both backlogs are bounded: past {@code maxQueuedEvents} waiting in
 * a lane, or an {@link InboxBacklog} that is full, a request is refused with 503. While requests
 * wait for a slot or for the spacing, it reports {@link ForegroundPressure}, and background work
 * steps aside.
 */
public final class GroupCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  /**
   * The batch's messages go into the inbox, in the batch's order, except those whose id the inbox
   * processor has already taken ({@link EventInbox}); returns the ids of the messages queued.
   * Only appends, in key order, so that a checkpoint costs the commits next to nothing; taking
   * ids (random keys) here made every commit after a checkpoint log whole pages (D3).
   */
  private static final String STORE = """
      INSERT INTO event_inbox (message_id, kind, body, events)
      SELECT u.message_id, u.kind, u.body, u.events
      FROM unnest($1::text[], $2::text[], $3::bytea[], $4::int[])
           WITH ORDINALITY AS u(message_id, kind, body, events, n)
      WHERE NOT EXISTS (SELECT 1 FROM webhook_messages w WHERE w.id = u.message_id)
      ORDER BY u.n
      RETURNING message_id
      """;

  /**
   * Message ids a week old: a sender retries a message for at most a few days (Standard Webhooks
   * senders up to about three), so no duplicate can come after that. {@code $1} at a time.
   */
  private static final String PURGE_MESSAGES = """
      DELETE FROM webhook_messages WHERE id IN (
        SELECT id FROM webhook_messages WHERE received_at < now() - interval '7 days' LIMIT $1)
      """;

  /** Deletes up to {@code limit} message ids a week old; answers how many. */
  public static Future<Integer> purgeOldMessageIds(Pool pool, int limit) {
    return pool.preparedQuery(PURGE_MESSAGES).execute(Tuple.of(limit)).map(rows -> rows.rowCount());
  }

  /**
   * What one request got: whether its message was seen before (and so not queued again). A
   * message repeated while the first copy still waits in the inbox is queued, and dropped by the
   * processor, which takes each id once.
   */
  public record Result(boolean duplicateMessage) {
  }

  private record Submission(InboxMessage message, Promise<Result> promise, Context caller) {
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Context home;
  private final int parallel;
  private final int maxBatchEvents;
  private final int maxQueuedEvents;
  private final DistributionSummary batchSizes;
  private final Counter saturations;
  private final ForegroundPressure pressure;
  private final InboxBacklog backlog;
  private final long spacingNanos;
  /**
   * A lane per event-loop thread that submits (each request runs on a context of its own, a
   * duplicate of its verticle's), and one for callers on no event loop.
   */
  private final Map<Thread, Lane> lanes = new ConcurrentHashMap<>();
  private final Lane homeLane;

  /**
   * @param spacing the least time between the starts of two commits of one lane: requests that
   *     come sooner after a commit began wait for the next one, and go with the others that came
   *     meanwhile (zero: a commit starts as soon as the one before it ends)
   */
  public GroupCommitter(Vertx vertx, Pool pool, int parallel, int maxBatchEvents,
      int maxQueuedEvents, ForegroundPressure pressure, InboxBacklog backlog, Duration spacing,
      MeterRegistry metrics) {
    this.vertx = vertx;
    this.spacingNanos = spacing.toNanos();
    this.pool = pool;
    this.home = vertx.getOrCreateContext();
    this.parallel = parallel;
    this.maxBatchEvents = maxBatchEvents;
    this.maxQueuedEvents = maxQueuedEvents;
    this.pressure = pressure;
    this.backlog = backlog;
    this.batchSizes = DistributionSummary.builder("tracking_group_commit_events")
        .description("events per group-commit transaction").register(metrics);
    this.saturations = Counter.builder("tracking_group_commit_saturated")
        .description("times every commit slot was taken and requests had to wait").register(metrics);
    this.homeLane = new Lane();
  }

  /** What this committer reports while requests wait for a commit slot or the spacing. */
  public ForegroundPressure pressure() {
    return pressure;
  }

  /** How far behind the inbox this committer fills is; it refuses messages while that is full. */
  public InboxBacklog backlog() {
    return backlog;
  }

  /** Stores the message durably in the inbox (unless its id was seen); completes after the commit. */
  public Future<Result> submit(InboxMessage message) {
    Context caller = Vertx.currentContext();
    Promise<Result> promise = Promise.promise();
    if (caller != null && caller.isEventLoopContext()) {
      // Batched and committed on the caller's own event loop: no hop to another thread and back.
      lanes.computeIfAbsent(Thread.currentThread(), t -> new Lane())
          .enqueue(new Submission(message, promise, null));
    } else {
      home.runOnContext(v -> homeLane.enqueue(new Submission(message, promise, caller)));
    }
    return promise.future();
  }

  /** The requests of one event loop: its queue and its commits, touched on that loop only. */
  private final class Lane {
    private final ArrayDeque<Submission> queue = new ArrayDeque<>();
    private int queuedEvents;
    private int inFlight;
    /** When this lane's last commit began ({@link System#nanoTime}). */
    private long lastStart = System.nanoTime() - spacingNanos;
    private boolean timerSet;

    void enqueue(Submission s) {
      if (queuedEvents + s.message().events() > maxQueuedEvents) {
        answer(s, Future.failedFuture(Problems.overloaded("too many events waiting to be stored")));
        return;
      }
      if (backlog.full()) {
        answer(s, Future.failedFuture(Problem.of(503, "overloaded", "Service overloaded",
            String.format("events received %.0f s ago are still waiting to be reconciled; send "
                + "again later", backlog.lagSeconds())).withHeader("Retry-After", "30").exception()));
        return;
      }
      queue.add(s);
      queuedEvents += s.message().events();
      drain();
    }

    void drain() {
      while (inFlight < parallel && !queue.isEmpty()) {
        long now = System.nanoTime();
        long early = lastStart + spacingNanos - now;
        if (early > 0) {
          // Too soon after the last commit began: wait for more requests to go with these. They
          // wait as surely as for a slot, and background work steps aside for them as well.
          pressure.saturated();
          if (!timerSet) {
            timerSet = true;
            vertx.setTimer(Math.max(1, (early + 999_999) / 1_000_000), id -> {
              timerSet = false;
              drain();
            });
          }
          return;
        }
        lastStart = now;
        List<Submission> batch = new ArrayList<>();
        int events = 0;
        while (!queue.isEmpty() && (batch.isEmpty()
            || events + queue.peek().message().events() <= maxBatchEvents)) {
          Submission s = queue.poll();
          queuedEvents -= s.message().events();
          events += s.message().events();
          batch.add(s);
        }
        inFlight++;
        batchSizes.record(events);
        commit(batch).onComplete(ar -> {
          inFlight--;
          drain();
        });
      }
      if (!queue.isEmpty()) {
        // Every commit slot is taken and requests wait: background work steps aside.
        saturations.increment();
        pressure.saturated();
      }
    }
  }

  /**
   * One transaction for the batch: a single statement, so it runs as its own transaction with no
   * BEGIN or COMMIT round trips. If it fails, each request is tried alone.
   */
  private Future<Void> commit(List<Submission> batch) {
    return store(batch)
        .transform(ar -> {
          if (ar.succeeded()) {
            for (int i = 0; i < batch.size(); i++) {
              answer(batch.get(i), Future.succeededFuture(ar.result().get(i)));
            }
            vertx.eventBus().publish(EventInbox.WAKE_ADDRESS, null);
            return Future.<Void>succeededFuture();
          }
          if (Outage.is(ar.cause())) {
            // Trying each request alone would only make them wait for the database one after
            // another: they are all answered 503 now and the sender retries.
            batch.forEach(s -> answer(s, Future.failedFuture(Problems.databaseUnavailable())));
            return Future.<Void>succeededFuture();
          }
          if (batch.size() == 1) {
            LOG.warn("event=ingest_failed error=\"{}\"", ar.cause().getMessage());
            answer(batch.get(0), Future.failedFuture(ar.cause()));
            return Future.<Void>succeededFuture();
          }
          Future<Void> alone = Future.succeededFuture();
          for (Submission s : batch) {
            alone = alone.compose(v -> commit(List.of(s)));
          }
          return alone;
        });
  }

  private Future<List<Result>> store(List<Submission> batch) {
    // A message id is taken by the first request of the batch that has it; a later request with
    // the same id is its duplicate and is not sent.
    boolean[] repeated = new boolean[batch.size()];
    Set<String> inBatch = new HashSet<>();
    List<InboxMessage> sent = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      InboxMessage m = batch.get(i).message();
      repeated[i] = m.messageId() != null && !inBatch.add(m.messageId());
      if (!repeated[i]) {
        sent.add(m);
      }
    }
    Tuple params = Unnest.of(sent).strings(InboxMessage::messageId).strings(m -> m.kind().name())
        .buffers(InboxMessage::body).integers(InboxMessage::events).tuple();
    return pool.preparedQuery(STORE).execute(params).map(rows -> {
      Set<String> queued = new HashSet<>();
      rows.forEach(row -> queued.add(row.getString(0)));
      List<Result> results = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        String id = batch.get(i).message().messageId();
        results.add(new Result(repeated[i] || (id != null && !queued.contains(id))));
      }
      return results;
    });
  }

  private static void answer(Submission s, Future<Result> outcome) {
    if (s.caller() == null) {
      s.promise().handle(outcome);
    } else {
      s.caller().runOnContext(v -> s.promise().handle(outcome));
    }
  }
}

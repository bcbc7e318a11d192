package vn.dossierpost.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.http.Problems;
import vn.dossierpost.outbox.ForegroundPressure;

/**
 * Group commit for pushed events: requests that arrive while a commit is under way wait, and
 * go together in the next transaction; each is answered only after the commit that holds its
 * events. Under light load a request commits alone at once; under heavy load one fsync carries
 * hundreds of requests. At most {@code parallel} transactions run at a time, and the backlog
 * is bounded: past it, a request is refused with 503. While requests wait for a slot, it
 * reports {@link ForegroundPressure}, and the outbox worker runs fewer side effects.
 */
public final class GroupCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  /** The batch's message ids in one statement; returns those not seen before. */
  private static final String TAKE_MESSAGES = """
      INSERT INTO webhook_messages (id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING id
      """;

  /** What one request got: whether its message was seen before, and each event's fate. */
  public record Result(boolean duplicateMessage, List<TrackingIngest.Outcome> outcomes) {
  }

  private record Submission(List<TrackingEvent> events, String messageId, Promise<Result> promise,
      Context caller) {
  }

  private final Pool pool;
  private final TrackingIngest ingest;
  private final Context home;
  private final int parallel;
  private final int maxBatchEvents;
  private final int maxQueuedEvents;
  private final ArrayDeque<Submission> queue = new ArrayDeque<>();
  private final DistributionSummary batchSizes;
  private final Counter saturations;
  private final ForegroundPressure pressure;
  private int queuedEvents;
  private int inFlight;

  public GroupCommitter(Vertx vertx, Pool pool, TrackingIngest ingest, int parallel,
      int maxBatchEvents, int maxQueuedEvents, ForegroundPressure pressure, MeterRegistry metrics) {
    this.pool = pool;
    this.ingest = ingest;
    this.home = vertx.getOrCreateContext();
    this.parallel = parallel;
    this.maxBatchEvents = maxBatchEvents;
    this.maxQueuedEvents = maxQueuedEvents;
    this.pressure = pressure;
    this.batchSizes = DistributionSummary.builder("tracking_group_commit_events")
        .description("events per group-commit transaction").register(metrics);
    this.saturations = Counter.builder("tracking_group_commit_saturated")
        .description("times every commit slot was taken and requests had to wait").register(metrics);
  }

  /** What this committer reports while requests wait for a commit slot. */
  public ForegroundPressure pressure() {
    return pressure;
  }

  /** Stores the events (and the message id, if any) durably; completes after the commit. */
  public Future<Result> submit(List<TrackingEvent> events, String messageId) {
    Context caller = Vertx.currentContext();
    Promise<Result> promise = Promise.promise();
    Submission submission = new Submission(List.copyOf(events), messageId, promise, caller);
    home.runOnContext(v -> enqueue(submission));
    return promise.future();
  }

  private void enqueue(Submission s) {
    if (queuedEvents + s.events().size() > maxQueuedEvents) {
      answer(s, Future.failedFuture(Problems.overloaded("too many events waiting to be stored")));
      return;
    }
    queue.add(s);
    queuedEvents += s.events().size();
    drain();
  }

  private void drain() {
    while (inFlight < parallel && !queue.isEmpty()) {
      List<Submission> batch = new ArrayList<>();
      int events = 0;
      while (!queue.isEmpty() && (batch.isEmpty()
          || events + queue.peek().events().size() <= maxBatchEvents)) {
        Submission s = queue.poll();
        queuedEvents -= s.events().size();
        events += s.events().size();
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
      // Every commit slot is taken and requests wait: the outbox worker steps aside.
      saturations.increment();
      pressure.saturated();
    }
  }

  /** One transaction for the batch; if it fails, each request is tried alone. */
  private Future<Void> commit(List<Submission> batch) {
    return pool.withTransaction(tx -> store(tx, batch))
        .transform(ar -> {
          if (ar.succeeded()) {
            for (int i = 0; i < batch.size(); i++) {
              answer(batch.get(i), Future.succeededFuture(ar.result().get(i)));
            }
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

  private Future<List<Result>> store(SqlConnection tx, List<Submission> batch) {
    List<String> messageIds = new ArrayList<>();
    List<TrackingEvent> everyEvent = new ArrayList<>();
    for (Submission s : batch) {
      if (s.messageId() != null) {
        messageIds.add(s.messageId());
      }
      everyEvent.addAll(s.events());
    }
    Future<Set<String>> fresh = messageIds.isEmpty()
        ? Future.succeededFuture(new HashSet<>())
        : tx.preparedQuery(TAKE_MESSAGES)
            .execute(Tuple.tuple().addArrayOfString(messageIds.toArray(new String[0])))
            .map(rows -> {
              Set<String> taken = new HashSet<>();
              rows.forEach(row -> taken.add(row.getString(0)));
              return taken;
            });
    // The orders of every request are locked while the message ids are taken (both statements
    // go out together). A duplicate request's orders are locked for nothing, which is harmless:
    // duplicates are rare, and the lock is released at the commit.
    Future<Map<UUID, Reconciler.Locked>> lock = ingest.lock(tx, everyEvent);
    return fresh.compose(taken -> {
      // A message id new to the table is taken by the first request of the batch that has it;
      // a later request with the same id is its duplicate.
      boolean[] duplicate = new boolean[batch.size()];
      List<TrackingEvent> events = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Submission s = batch.get(i);
        duplicate[i] = s.messageId() != null && !taken.remove(s.messageId());
        if (!duplicate[i]) {
          events.addAll(s.events());
        }
      }
      return ingest.ingest(tx, events, lock).map(outcomes -> {
        List<Result> results = new ArrayList<>(batch.size());
        int at = 0;
        for (int i = 0; i < batch.size(); i++) {
          Submission s = batch.get(i);
          if (duplicate[i]) {
            results.add(new Result(true, List.of()));
          } else {
            results.add(new Result(false, outcomes.subList(at, at + s.events().size())));
            at += s.events().size();
          }
        }
        return results;
      });
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

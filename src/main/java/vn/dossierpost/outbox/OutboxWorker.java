package vn.dossierpost.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.db.Backoff;
import vn.dossierpost.db.Coalescer;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.db.Wakeups;

/**
 * Runs outbox jobs: claims due ones under a lease with {@code FOR UPDATE SKIP LOCKED}, runs at
 * most {@code concurrency} at a time, and records each outcome only while it still holds the
 * lease. A job whose worker died is claimed again when its lease expires.
 */
public final class OutboxWorker extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxWorker.class);
  /** A claim slower than this (a few milliseconds is usual) has the queue analyzed. */
  static final Duration SLOW_CLAIM = Duration.ofMillis(50);
  private static final long ANALYZE_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();
  /** A claim's transaction: no flush of its own, and the plan pinned (see {@link OutboxSql}). */
  private static final String CLAIM_SETTINGS = OutboxSql.NO_FLUSH + "; " + OutboxSql.CLAIM_PLAN;

  private final Pool pool;
  private final Map<String, JobHandler> handlers;
  private final int concurrency;
  private final Yield yield;
  private final Duration pollInterval;
  private final Duration lease;
  private final Duration slowClaim;
  private final MeterRegistry metrics;
  private final String[] kinds;
  private final int refillAt;
  private final Counter claimsFull;
  private final Counter claimsYielding;

  /**
   * When the worker steps aside for the foreground: while {@code pressure} is saturated it runs
   * at most {@code concurrency} jobs, unless the jobs it claims were due more than
   * {@code maxLag} ago. Side effects then lag ingest by about {@code maxLag} at most, and a
   * foreground that stays saturated is slowed by them again instead of running ahead forever.
   */
  public record Yield(ForegroundPressure pressure, int concurrency, Duration maxLag) {

    public Yield {
      if (concurrency < 1) {
        throw new IllegalArgumentException("at least one job runs while yielding");
      }
    }

    /** Never yields. */
    public static Yield never() {
      return new Yield(ForegroundPressure.none(), 1, Duration.ZERO);
    }
  }

  /** A job done, as its worker holds it. */
  record Done(Long id, String leaseOwner) {
  }

  /** Jobs done, marked so together: one statement for all that finished during the last. */
  private final Coalescer<Done> done;
  private int running;
  /** Whether the last claim brought jobs due more than {@code yield.maxLag()} ago. */
  private boolean behind;
  private boolean claiming;
  private long lastAnalyze = System.nanoTime() - ANALYZE_INTERVAL_NANOS;
  private Wakeups wakeups;
  private final Backoff backoff = Backoff.database(LOG, "outbox");

  public OutboxWorker(Pool pool, Map<String, JobHandler> handlers, int concurrency,
      Yield yield, Duration pollInterval, Duration lease, MeterRegistry metrics) {
    this(pool, handlers, concurrency, yield, pollInterval, lease, SLOW_CLAIM, metrics);
  }

  OutboxWorker(Pool pool, Map<String, JobHandler> handlers, int concurrency, Yield yield,
      Duration pollInterval, Duration lease, Duration slowClaim, MeterRegistry metrics) {
    this.pool = pool;
    this.handlers = Map.copyOf(handlers);
    this.concurrency = concurrency;
    this.yield = yield;
    this.pollInterval = pollInterval;
    this.lease = lease;
    this.slowClaim = slowClaim;
    this.metrics = metrics;
    this.kinds = handlers.keySet().toArray(new String[0]);
    this.refillAt = Math.max(1, concurrency / 4);
    this.done = new Coalescer<>(this::markDone, 1_000, 100_000);
    this.claimsFull = metrics.counter("outbox_claims", "yielding", "false");
    this.claimsYielding = metrics.counter("outbox_claims", "yielding", "true");
  }

  private Future<?> markDone(List<Done> jobs) {
    return markDone(pool, jobs, 3);
  }

  /**
   * Marks the jobs done. If another worker moved one of them to the finished jobs while this
   * statement waited for its row (it claimed the job again once this worker's lease expired,
   * and finished it first), PostgreSQL refuses the whole statement (40001) rather than skip that
   * row; written again, the statement no longer sees it under this worker's lease, and the
   * other jobs are recorded.
   */
  static Future<Void> markDone(Pool pool, List<Done> jobs, int attempts) {
    return pool.withTransaction(tx -> tx.query(OutboxSql.NO_FLUSH).execute()
            .compose(v -> tx.preparedQuery(OutboxSql.DONE_MANY).execute(Unnest.of(jobs)
                .longs(Done::id).strings(Done::leaseOwner).tuple())))
        .<Void>mapEmpty()
        .recover(err -> attempts > 1 && isSerializationFailure(err)
            ? markDone(pool, jobs, attempts - 1) : Future.failedFuture(err));
  }

  private static boolean isSerializationFailure(Throwable err) {
    return err instanceof PgException pg && "40001".equals(pg.getSqlState());
  }

  @Override
  public Future<?> start() {
    wakeups = new Wakeups(vertx, Outbox.WAKE_ADDRESS, this::pump);
    if (kinds.length == 0) {
      return wakeups.stop();
    }
    return wakeups.start();
  }

  @Override
  public Future<?> stop() {
    return wakeups.stop();
  }

  /**
   * Claims due jobs for the free slots. While jobs are running, it waits until a quarter of the
   * slots are free: under load, a claim then fetches several jobs instead of one per finished
   * job (each claim walks the due index and writes leases). An idle or lightly loaded worker
   * claims at once. While the foreground is saturated and the side effects are not too far
   * behind, fewer jobs run ({@link Yield}): side effects slow down but never stop.
   */
  private void pump() {
    int limit = !behind && yield.pressure().isSaturated()
        ? Math.min(concurrency, yield.concurrency()) : concurrency;
    // While claims fail, only the backoff's delayed run claims again; wakes wait for it.
    if (wakeups.stopped() || claiming || running >= limit
        || (backoff.failures() > 0 && wakeups.pending())
        || (running > 0 && limit == concurrency && concurrency - running < refillAt)) {
      return;
    }
    claiming = true;
    (limit < concurrency ? claimsYielding : claimsFull).increment();
    String leaseToken = UUID.randomUUID().toString();
    int wanted = limit - running;
    long started = System.nanoTime();
    pool.withTransaction(tx -> tx.query(CLAIM_SETTINGS).execute()
            .compose(v -> tx.preparedQuery(OutboxSql.CLAIM)
                .execute(Tuple.of(leaseToken, wanted, (double) lease.toSeconds(), kinds))))
        .onComplete(ar -> {
          claiming = false;
          analyzeIfSlow(System.nanoTime() - started);
          if (ar.failed() && isSerializationFailure(ar.cause())) {
            // A candidate was finished (moved to the finished jobs' partition) by its worker
            // between this claim's snapshot and its lock: a fresh claim no longer sees it.
            LOG.debug("event=outbox_claim_raced_a_finished_job");
            pump();
            return;
          }
          if (ar.failed()) {
            wakeups.later(backoff.failed(ar.cause()));
            return;
          }
          backoff.succeeded();
          int claimed = 0;
          double lag = 0;
          for (var row : ar.result()) {
            claimed++;
            lag = Math.max(lag, row.getDouble("lag_seconds"));
            run(ClaimedJob.from(row), leaseToken);
          }
          behind = lag > yield.maxLag().toMillis() / 1000.0;
          if (claimed == wanted) {
            pump();
          } else {
            wakeups.later(pollInterval);
          }
        });
  }

  /**
   * A claim far slower than usual means the planner's picture of the queue is out of date (after
   * a burst, until autovacuum's next analyze): have it analyzed now, at most once a minute (D4).
   */
  private void analyzeIfSlow(long claimNanos) {
    long now = System.nanoTime();
    if (claimNanos < slowClaim.toNanos() || now - lastAnalyze < ANALYZE_INTERVAL_NANOS) {
      return;
    }
    lastAnalyze = now;
    pool.query(OutboxSql.ANALYZE_QUEUE).execute().onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("event=outbox_analyze_failed error=\"{}\"", ar.cause().getMessage());
      } else {
        LOG.info("event=outbox_queue_analyzed slow_claim_ms={} analyze_ms={}", claimNanos / 1_000_000,
            (System.nanoTime() - now) / 1_000_000);
      }
    });
  }

  private void run(ClaimedJob job, String leaseToken) {
    running++;
    JobHandler handler = handlers.get(job.kind());
    Future<JobResult> outcome;
    try {
      outcome = handler.handle(job)
          .timeout(Math.max(1, lease.toMillis() - 2_000), TimeUnit.MILLISECONDS)
          .recover(err -> Future.succeededFuture(JobResult.retry(describe(err))));
    } catch (RuntimeException e) {
      outcome = Future.succeededFuture(JobResult.retry(describe(e)));
    }
    outcome
        .compose(result -> record(job, leaseToken, result, handler.policy()))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("event=outbox_record_failed job={} error=\"{}\"", job.id(), ar.cause().getMessage());
          }
          running--;
          pump();
        });
  }

  private Future<Void> record(ClaimedJob job, String leaseToken, JobResult result,
      RetryPolicy policy) {
    String outcome;
    Future<?> update;
    if (result instanceof JobResult.Done) {
      outcome = "done";
      update = done.submit(new Done(job.id(), leaseToken));
    } else if (result instanceof JobResult.Defer defer) {
      outcome = "deferred";
      update = pool.preparedQuery(OutboxSql.DEFER).execute(Tuple.of(job.id(), leaseToken,
          seconds(defer.after()), truncate(defer.reason())));
    } else if (result instanceof JobResult.DeferAside aside) {
      outcome = "deferred";
      update = pool.preparedQuery(OutboxSql.DEFER_ASIDE).execute(Tuple.of(job.id(), leaseToken,
          seconds(aside.after()), truncate(aside.reason()), aside.orderingKey()));
    } else if (result instanceof JobResult.Fail fail) {
      outcome = "dead";
      LOG.warn("event=outbox_job_dead job={} kind={} attempt={} reason=\"{}\"", job.id(), job.kind(),
          job.attempt(), truncate(fail.reason()));
      update = pool.preparedQuery(OutboxSql.DEAD).execute(Tuple.of(job.id(), leaseToken,
          truncate(fail.reason())));
    } else {
      JobResult.Retry retry = (JobResult.Retry) result;
      boolean outOfAttempts = job.attempt() >= policy.maxAttempts();
      boolean outOfTime = policy.giveUpAfter() != null
          && job.createdAt().plus(policy.giveUpAfter()).isBefore(OffsetDateTime.now());
      if (outOfAttempts || outOfTime) {
        outcome = "dead";
        LOG.warn("event=outbox_job_dead job={} kind={} attempt={} reason=\"{}\"", job.id(),
            job.kind(), job.attempt(), truncate(retry.reason()));
        update = pool.preparedQuery(OutboxSql.DEAD).execute(Tuple.of(job.id(), leaseToken,
            truncate("gave up after " + job.attempt() + " attempts: " + retry.reason())));
      } else {
        outcome = "retry";
        LOG.info("event=outbox_job_retry job={} kind={} attempt={} reason=\"{}\"", job.id(),
            job.kind(), job.attempt(), truncate(retry.reason()));
        Duration delay = retry.after() != null ? retry.after() : policy.delayAfter(job.attempt());
        update = pool.preparedQuery(OutboxSql.RETRY).execute(Tuple.of(job.id(), leaseToken,
            seconds(delay), truncate(retry.reason())));
      }
    }
    metrics.counter("outbox_jobs_total", "kind", job.kind(), "outcome", outcome).increment();
    return update.mapEmpty();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String describe(Throwable err) {
    String message = err.getMessage();
    return err.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String truncate(String s) {
    return s == null ? null : s.length() <= 1000 ? s : s.substring(0, 1000);
  }

}

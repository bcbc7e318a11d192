package vn.dossierpost.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.vertx.junit5.VertxExtension;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

@ExtendWith(VertxExtension.class)
class OutboxWorkerTest {

  private Vertx vertx;
  private Pool pool;
  private Db db;
  private final String kind = "test." + UUID.randomUUID();
  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.pool = TestDatabase.pool(vertx);
    this.db = new Db(pool);
  }

  @AfterEach
  void tearDown() {
    deployments.forEach(id -> TestApp.await(vertx.undeploy(id)));
    TestApp.await(pool.close());
  }

  @Test
  void retriesATransientFailureWithBackoffUntilItSucceeds() {
    AtomicInteger runs = new AtomicInteger();
    startWorker(pool, handler(job -> runs.incrementAndGet() < 3
        ? JobResult.retry("carrier answered 503") : JobResult.done(), fastPolicy(5)));
    long id = enqueue(new JsonObject());

    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(status(id)).isEqualTo("DONE"));
    assertThat(db.count("SELECT attempts FROM outbox WHERE id = $1", id)).isEqualTo(3);
    assertThat(runs.get()).isEqualTo(3);
  }

  @Test
  void parksAJobAsDeadOnceItsAttemptsAreUsedUp() {
    startWorker(pool, handler(job -> JobResult.retry("still failing"), fastPolicy(3)));
    long id = enqueue(new JsonObject());

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("DEAD"));
    assertThat(db.one("SELECT last_error FROM outbox WHERE id = $1", id).getString(0))
        .contains("gave up after 3 attempts").contains("still failing");
  }

  @Test
  void aPermanentFailureIsDeadAtOnce() {
    startWorker(pool, handler(job -> JobResult.fail("carrier refused: address unknown"), fastPolicy(10)));
    long id = enqueue(new JsonObject());

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("DEAD"));
    assertThat(db.count("SELECT attempts FROM outbox WHERE id = $1", id)).isEqualTo(1);
  }

  @Test
  void aHandlerThatThrowsIsRetriedNotLost() {
    AtomicInteger runs = new AtomicInteger();
    startWorker(pool, new JobHandler() {
      @Override
      public Future<JobResult> handle(ClaimedJob job) {
        if (runs.incrementAndGet() == 1) {
          throw new IllegalStateException("bug");
        }
        return Future.succeededFuture(JobResult.done());
      }

      @Override
      public RetryPolicy policy() {
        return fastPolicy(5);
      }
    });
    long id = enqueue(new JsonObject());

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("DONE"));
  }

  @Test
  void aJobWhoseWorkerCrashedIsPickedUpWhenItsLeaseExpires() {
    long id = enqueue(new JsonObject());
    db.exec("UPDATE outbox SET lease_owner = 'crashed-worker', lease_until = now() - interval '1 second',"
        + " attempts = 1 WHERE id = $1", id);
    startWorker(pool, handler(job -> JobResult.done(), fastPolicy(5)));

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("DONE"));
    assertThat(db.count("SELECT attempts FROM outbox WHERE id = $1", id)).isEqualTo(2);
  }

  @Test
  void aLiveLeaseIsNotTakenFromItsWorker() {
    long leased = enqueue(new JsonObject());
    db.exec("UPDATE outbox SET lease_owner = 'busy-worker', lease_until = now() + interval '1 hour'"
        + " WHERE id = $1", leased);
    // Due after the leased job: a claim that took no notice of the lease would run that one first.
    long probe = enqueue(new JsonObject());
    Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    startWorker(pool, handler(job -> {
      runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
      return JobResult.done();
    }, fastPolicy(5)));

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(probe)).isEqualTo("DONE"));
    assertThat(runs.keySet()).containsExactly(probe);
    assertThat(status(leased)).isEqualTo("PENDING");
  }

  @Test
  void aDeferredJobWaitsWithoutUsingUpAnAttempt() {
    AtomicInteger runs = new AtomicInteger();
    startWorker(pool, handler(job -> runs.incrementAndGet() < 4
        ? JobResult.defer("circuit open", Duration.ofMillis(20)) : JobResult.done(), fastPolicy(2)));
    long id = enqueue(new JsonObject());

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("DONE"));
    assertThat(db.count("SELECT attempts FROM outbox WHERE id = $1", id)).isEqualTo(1);
  }

  @Test
  void twoProcessesSharingTheQueueRunEachJobExactlyOnce() {
    Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    Pool otherProcess = TestDatabase.pool(vertx);
    JobHandler counting = handler(job -> {
      runs.computeIfAbsent(job.id(), k -> new AtomicInteger()).incrementAndGet();
      return JobResult.done();
    }, fastPolicy(5));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      ids.add(enqueue(new JsonObject().put("n", i)));
    }
    startWorker(pool, counting);
    startWorker(otherProcess, counting);

    Eventually.within(Duration.ofSeconds(30), () ->
        assertThat(db.count("SELECT count(*) FROM outbox WHERE kind = $1 AND status = 'DONE'", kind))
            .isEqualTo(300));
    assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    TestApp.await(otherProcess.close());
  }

  @Test
  void jobsSharingAnOrderingKeyRunOneAfterAnotherOldestFirst() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    startWorker(pool, new JobHandler() {
      @Override
      public Future<JobResult> handle(ClaimedJob job) {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        return vertx.timer(20).map(t -> {
          order.add(job.payload().getInteger("n"));
          concurrent.decrementAndGet();
          return JobResult.done();
        });
      }
    });
    String key = "order:" + UUID.randomUUID();
    for (int i = 1; i <= 6; i++) {
      int n = i;
      TestApp.await(pool.withConnection(conn -> Outbox.enqueue(conn,
          new Job(kind, null, key, new JsonObject().put("n", n), null))));
    }

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(order).hasSize(6));
    assertThat(order).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(maxConcurrent.get()).isEqualTo(1);
  }

  @Test
  void aJobDeferredAsideLetsTheJobsBehindItRunAndWaitsInItsNewLineInOrder() {
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    Set<Long> setAside = ConcurrentHashMap.newKeySet();
    String key = "order:" + UUID.randomUUID();
    String waiting = "waiting:" + key;
    startWorker(pool, handler(job -> {
      long waitMillis = job.payload().getLong("waitMillis");
      if (waitMillis > 0 && setAside.add(job.id())) {
        return JobResult.deferAside("quiet hours", Duration.ofMillis(waitMillis), waiting);
      }
      ran.add(job.payload().getString("name"));
      return JobResult.done();
    }, fastPolicy(5)));
    // The second is due again before the first: in the line it stepped into, it still waits.
    long first = enqueueOrdered(key, "first", 1_500);
    long second = enqueueOrdered(key, "second", 100);
    enqueueOrdered(key, "urgent", 0);

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(ran).contains("urgent"));
    assertThat(ran).containsExactly("urgent");
    assertThat(db.one("SELECT ordering_key FROM outbox WHERE id = $1", first).getString(0)).isEqualTo(waiting);
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(ran).hasSize(3));
    assertThat(ran).containsExactly("urgent", "first", "second");
    assertThat(db.count("SELECT attempts FROM outbox WHERE id = $1", second)).isEqualTo(1);
  }

  private long enqueueOrdered(String key, String name, long waitMillis) {
    return TestApp.await(pool.withConnection(conn -> Outbox.enqueue(conn, new Job(kind, null, key,
        new JsonObject().put("name", name).put("waitMillis", waitMillis), null))));
  }

  @Test
  void whileTheForegroundIsSaturatedOnlyAFewJobsRunAndEveryJobStillRuns() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    pressure.saturated();
    AtomicInteger maxConcurrent = new AtomicInteger();
    enqueueNumbered(30);

    startWorker(pool, concurrencyProbe(maxConcurrent),
        new OutboxWorker.Yield(pressure, 2, Duration.ofHours(1)));

    awaitDone(30);
    assertThat(maxConcurrent.get()).isEqualTo(2);
  }

  @Test
  void jobsFarBehindRunAtFullConcurrencyEvenWhileTheForegroundIsSaturated() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    pressure.saturated();
    AtomicInteger maxConcurrent = new AtomicInteger();
    enqueueNumbered(30);
    // Due two minutes ago: past the one minute the side effects may lag.
    db.exec("UPDATE outbox SET next_attempt_at = now() - interval '2 minutes' WHERE kind = $1", kind);

    startWorker(pool, concurrencyProbe(maxConcurrent),
        new OutboxWorker.Yield(pressure, 1, Duration.ofMinutes(1)));

    awaitDone(30);
    assertThat(maxConcurrent.get()).isGreaterThan(1);
  }

  @Test
  void theWorkerReturnsToFullConcurrencyOnceTheForegroundIsNoLongerSaturated() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofMillis(500));
    pressure.saturated();
    AtomicInteger maxConcurrent = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger maxWhileSaturated = new AtomicInteger();
    enqueueNumbered(60);

    startWorker(pool, concurrencyProbe(maxConcurrent, finished),
        new OutboxWorker.Yield(pressure, 1, Duration.ofHours(1)));
    // Requests keep waiting (the test saturates the foreground again and again) until a few jobs
    // have run; then they stop, and the pressure lapses after its hold.
    Eventually.within(Duration.ofSeconds(10), () -> {
      pressure.saturated();
      maxWhileSaturated.set(maxConcurrent.get());
      assertThat(finished.get()).isGreaterThanOrEqualTo(5);
    });
    assertThat(maxWhileSaturated.get()).as("jobs at a time while saturated").isEqualTo(1);

    awaitDone(60);
    assertThat(maxConcurrent.get()).as("jobs at a time once no longer saturated").isGreaterThan(1);
  }

  @Test
  void aJobWrittenWhileNoWorkerRunsIsRunWhenOneStarts() {
    long id = enqueue(new JsonObject());
    assertThat(status(id)).isEqualTo("PENDING");

    startWorker(pool, handler(job -> JobResult.done(), fastPolicy(5)));

    Eventually.within(Duration.ofSeconds(10), () -> assertThat(status(id)).isEqualTo("DONE"));
  }

  @Test
  void backoffGrowsExponentiallyWithJitterAndIsCapped() {
    RetryPolicy policy = new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(5), null);
    for (int attempt = 1; attempt <= 20; attempt++) {
      long ceiling = Math.min(1000L << Math.min(attempt - 1, 30), 300_000L);
      Duration delay = policy.delayAfter(attempt);
      assertThat(delay.toMillis()).isBetween(ceiling / 2, ceiling);
    }
  }

  private RetryPolicy fastPolicy(int attempts) {
    return new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(50), null);
  }

  private JobHandler handler(Function<ClaimedJob, JobResult> body, RetryPolicy policy) {
    return new JobHandler() {
      @Override
      public Future<JobResult> handle(ClaimedJob job) {
        return Future.succeededFuture(body.apply(job));
      }

      @Override
      public RetryPolicy policy() {
        return policy;
      }
    };
  }

  private void enqueueNumbered(int jobs) {
    for (int i = 0; i < jobs; i++) {
      enqueue(new JsonObject().put("n", i));
    }
  }

  private void awaitDone(int jobs) {
    Eventually.within(Duration.ofSeconds(20), () ->
        assertThat(db.count("SELECT count(*) FROM outbox WHERE kind = $1 AND status = 'DONE'", kind))
            .isEqualTo(jobs));
  }

  @Test
  void jobsDoneAreRecordedEvenIfAnotherWorkerFinishedOneOfThemWhileTheStatementWaited() {
    // Written once, the statement is refused as a whole: the row it waited for moved partition.
    Throwable refused = finishRacingAnotherWorker(1).toCompletionStage().toCompletableFuture()
        .handle((ok, err) -> err).join();
    assertThat(refused).hasMessageContaining("moved to another partition");

    // Written again, it records the job that is still this worker's.
    TestApp.await(finishRacingAnotherWorker(3));
  }

  /**
   * Two jobs leased by this worker; the other worker, which claimed the second once the lease
   * ran out, marks it done while this worker's statement waits for its row.
   */
  private Future<?> finishRacingAnotherWorker(int attempts) {
    long mine = enqueue(new JsonObject());
    long theirs = enqueue(new JsonObject());
    String lease = "lease-" + UUID.randomUUID();
    db.exec("UPDATE outbox SET lease_owner = $1, lease_until = now() WHERE id IN ($2, $3)",
        lease, mine, theirs);
    SqlConnection other = TestApp.await(pool.getConnection());
    try {
      TestApp.await(other.query("BEGIN").execute());
      TestApp.await(other.preparedQuery("UPDATE outbox SET status = 'DONE', done_at = now(), "
          + "lease_owner = NULL WHERE id = $1").execute(Tuple.of(theirs)));
      Future<?> marked = OutboxWorker.markDone(pool, List.of(new OutboxWorker.Done(mine, lease),
          new OutboxWorker.Done(theirs, lease)), attempts);
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count("SELECT count(*) FROM "
          + "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%AS d(id, owner)%'"))
          .isEqualTo(1));
      TestApp.await(other.query("COMMIT").execute());
      Future<?> settled = marked.otherwiseEmpty();
      TestApp.await(settled);
      if (marked.succeeded()) {
        assertThat(status(mine)).isEqualTo("DONE");
      } else {
        assertThat(status(mine)).isEqualTo("PENDING");
      }
      assertThat(status(theirs)).isEqualTo("DONE");
      return marked;
    } finally {
      other.close();
    }
  }

  /** Jobs that take 20 ms each and record how many ran at the same time. */
  private JobHandler concurrencyProbe(AtomicInteger maxConcurrent) {
    return concurrencyProbe(maxConcurrent, new AtomicInteger());
  }

  /** The same, counting the jobs that finished as well. */
  private JobHandler concurrencyProbe(AtomicInteger maxConcurrent, AtomicInteger finished) {
    AtomicInteger concurrent = new AtomicInteger();
    return job -> {
      maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      return vertx.timer(20).map(t -> {
        concurrent.decrementAndGet();
        finished.incrementAndGet();
        return JobResult.done();
      });
    };
  }

  private void startWorker(Pool workerPool, JobHandler handler) {
    startWorker(workerPool, handler, OutboxWorker.Yield.never());
  }

  private void startWorker(Pool workerPool, JobHandler handler, OutboxWorker.Yield yield) {
    deployments.add(TestApp.await(vertx.deployVerticle(new OutboxWorker(workerPool,
        Map.of(kind, handler), 8, yield, Duration.ofMillis(20), Duration.ofSeconds(30),
        new SimpleMeterRegistry()))));
  }

  private long enqueue(JsonObject payload) {
    return TestApp.await(pool.withConnection(conn -> Outbox.enqueue(conn, Job.of(kind, null, payload))));
  }

  private String status(long id) {
    return db.one("SELECT status FROM outbox WHERE id = $1", id).getString(0);
  }
}

package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dossierpost.label.S10;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/** Group commit against the real database: batching, and the pressure it reports. */
@ExtendWith(VertxExtension.class)
class GroupCommitterTest {

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.pool = TestDatabase.pool(vertx);
  }

  @AfterEach
  void tearDown() {
    TestApp.await(pool.close());
  }

  @Test
  void requestsThatWaitForACommitSlotGoTogetherAndReportPressure() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    GroupCommitter committer = committer(pressure, metrics);
    List<Future<GroupCommitter.Result>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(committer.submit(List.of(parkedEvent()), UUID.randomUUID().toString()));
    }

    List<GroupCommitter.Result> results = TestApp.await(Future.all(answers)).list();

    assertThat(results).allSatisfy(r -> {
      assertThat(r.duplicateMessage()).isFalse();
      assertThat(r.outcomes()).containsExactly(TrackingIngest.Outcome.PARKED);
    });
    assertThat(pressure.isSaturated()).isTrue();
    assertThat(metrics.get("tracking_group_commit_saturated").counter().count()).isPositive();
    assertThat(metrics.get("tracking_group_commit_events").summary().count()).isLessThan(50);
  }

  @Test
  void aMessageIdSeenBeforeOrEarlierInTheSameBatchIsADuplicateAndStoresNothing() {
    GroupCommitter committer = committer(ForegroundPressure.none(), new SimpleMeterRegistry());
    String seen = UUID.randomUUID().toString();
    TestApp.await(committer.submit(List.of(parkedEvent()), seen));
    String twice = UUID.randomUUID().toString();
    TrackingEvent first = parkedEvent();
    TrackingEvent again = parkedEvent();
    TrackingEvent late = parkedEvent();

    // One commit slot: the second and later requests wait and go together in one batch.
    List<Future<GroupCommitter.Result>> answers = List.of(
        committer.submit(List.of(parkedEvent()), null),
        committer.submit(List.of(first), twice),
        committer.submit(List.of(again), twice),
        committer.submit(List.of(late), seen));
    List<GroupCommitter.Result> results = TestApp.await(Future.all(answers)).list();

    assertThat(results.get(1).duplicateMessage()).isFalse();
    assertThat(results.get(1).outcomes()).containsExactly(TrackingIngest.Outcome.PARKED);
    assertThat(results.get(2).duplicateMessage()).isTrue();
    assertThat(results.get(3).duplicateMessage()).isTrue();
    assertThat(stored(first)).isEqualTo(1);
    assertThat(stored(again)).isZero();
    assertThat(stored(late)).isZero();
  }

  @Test
  void aRequestThatFindsAFreeSlotReportsNoPressure() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    GroupCommitter committer = committer(pressure, new SimpleMeterRegistry());

    for (int i = 0; i < 3; i++) {
      GroupCommitter.Result result = TestApp.await(committer.submit(List.of(parkedEvent()), null));
      assertThat(result.outcomes()).containsExactly(TrackingIngest.Outcome.PARKED);
    }

    assertThat(pressure.isSaturated()).isFalse();
  }

  @Test
  void pressureLastsForItsHoldOnly() throws Exception {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofMillis(100));
    assertThat(pressure.isSaturated()).isFalse();
    pressure.saturated();
    assertThat(pressure.isSaturated()).isTrue();
    Thread.sleep(150);
    assertThat(pressure.isSaturated()).isFalse();
  }

  /** One commit at a time, so that a burst of requests has to wait. */
  private GroupCommitter committer(ForegroundPressure pressure, SimpleMeterRegistry metrics) {
    TrackingIngest ingest = new TrackingIngest(Reconciler.create(List.of()), Duration.ofMinutes(10));
    return new GroupCommitter(vertx, pool, ingest, 1, 2_000, 100_000, pressure, metrics);
  }

  private long stored(TrackingEvent event) {
    return new Db(pool).count("SELECT count(*) FROM order_events WHERE dedup_key = $1", event.dedupKey());
  }

  /** An event for an item no order has: it is parked. */
  private static TrackingEvent parkedEvent() {
    String item = S10.of("EC", ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L), "VN");
    return TrackingEvent.system(null, item, EventCode.COLLECTED, EventSource.WEBHOOK,
        OffsetDateTime.now().minusMinutes(5), null, "test:" + UUID.randomUUID());
  }
}

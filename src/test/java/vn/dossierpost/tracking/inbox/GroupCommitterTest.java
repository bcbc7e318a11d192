package vn.dossierpost.tracking.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/**
 * Group commit against the real database (one of its own, where no inbox processor runs):
 * batching, message ids, and the pressure it reports.
 */
@ExtendWith(VertxExtension.class)
class GroupCommitterTest {

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.pool = TestDatabase.freshPool(vertx);
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
    List<InboxMessage> messages = new ArrayList<>();
    List<Future<GroupCommitter.Result>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      messages.add(message(UUID.randomUUID().toString()));
      answers.add(committer.submit(messages.get(i)));
    }

    List<GroupCommitter.Result> results = TestApp.await(Future.all(answers)).list();

    assertThat(results).allSatisfy(r -> assertThat(r.duplicateMessage()).isFalse());
    assertThat(messages).allSatisfy(m -> assertThat(queued(m)).isEqualTo(1));
    assertThat(pressure.isSaturated()).isTrue();
    assertThat(metrics.get("tracking_group_commit_saturated").counter().count()).isPositive();
    assertThat(metrics.get("tracking_group_commit_events").summary().count()).isLessThan(50);
  }

  @Test
  void aMessageIdTakenBeforeOrEarlierInTheSameBatchIsADuplicateAndIsNotQueued() {
    GroupCommitter committer = committer(ForegroundPressure.none(), new SimpleMeterRegistry());
    InboxMessage seen = message(UUID.randomUUID().toString());
    TestApp.await(committer.submit(seen));
    // as the inbox processor (none runs here) does when it ingests the message
    new Db(pool).exec("INSERT INTO webhook_messages (id) VALUES ($1)", seen.messageId());
    String twice = UUID.randomUUID().toString();
    InboxMessage first = message(twice);
    InboxMessage again = message(twice);
    InboxMessage late = message(seen.messageId());
    InboxMessage anonymous = message(null);

    // One commit slot: the second and later requests wait and go together in one batch. They
    // are submitted in one task of one event loop, so that the first commit cannot complete
    // before the last of them is queued behind it.
    Promise<List<Future<GroupCommitter.Result>>> submitted = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> submitted.complete(List.of(
        committer.submit(message(UUID.randomUUID().toString())),
        committer.submit(first), committer.submit(again), committer.submit(late),
        committer.submit(anonymous))));
    List<GroupCommitter.Result> results =
        TestApp.await(Future.all(TestApp.await(submitted.future()))).list();

    assertThat(results).extracting(GroupCommitter.Result::duplicateMessage)
        .containsExactly(false, false, true, true, false);
    assertThat(queued(seen)).isEqualTo(1);
    assertThat(new Db(pool).count("SELECT count(*) FROM event_inbox WHERE message_id = $1 "
        + "AND body = $2", twice, first.body())).as("the first of the two is queued").isEqualTo(1);
    assertThat(queued(again)).isEqualTo(1);
    assertThat(new Db(pool).count("SELECT count(*) FROM event_inbox WHERE message_id IS NULL "
        + "AND body = $1", anonymous.body())).isEqualTo(1);
  }

  @Test
  void aMessageRepeatedWhileTheFirstCopyWaitsIsQueuedAgainForTheProcessorToDrop() {
    GroupCommitter committer = committer(ForegroundPressure.none(), new SimpleMeterRegistry());
    String id = UUID.randomUUID().toString();

    GroupCommitter.Result first = TestApp.await(committer.submit(message(id)));
    GroupCommitter.Result again = TestApp.await(committer.submit(message(id)));

    assertThat(first.duplicateMessage()).isFalse();
    assertThat(again.duplicateMessage()).isFalse();
    assertThat(queued(message(id))).isEqualTo(2);
    assertThat(new Db(pool).count("SELECT count(*) FROM webhook_messages")).as("only appended")
        .isZero();
  }

  @Test
  void requestsFromAnEventLoopAreBatchedAndAnsweredOnThatLoop() {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    GroupCommitter committer = committer(ForegroundPressure.none(), metrics);
    Context loop = vertx.getOrCreateContext();
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    Promise<String> loopThread = Promise.promise();
    List<Future<GroupCommitter.Result>> answers = java.util.Collections.synchronizedList(new ArrayList<>());

    loop.runOnContext(v -> {
      loopThread.complete(Thread.currentThread().getName());
      for (int i = 0; i < 30; i++) {
        answers.add(committer.submit(message(UUID.randomUUID().toString()))
            .onSuccess(r -> threads.add(Thread.currentThread().getName())));
      }
    });
    String name = TestApp.await(loopThread.future());
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(answers).hasSize(30));
    TestApp.await(Future.all(answers));

    assertThat(threads).hasSize(30).containsOnly(name);
    assertThat(loop.isEventLoopContext()).isTrue();
    assertThat(metrics.get("tracking_group_commit_events").summary().count())
        .as("one commit alone, the others together").isLessThan(30);
    assertThat(new Db(pool).count("SELECT count(*) FROM event_inbox")).isEqualTo(30);
  }

  @Test
  void requestsSoonAfterACommitBeganWaitForTheSpacingAndGoTogetherWhileAnIdleLaneCommitsAtOnce() {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofMillis(300));
    Duration spacing = Duration.ofSeconds(1);
    GroupCommitter committer = new GroupCommitter(vertx, pool, 1, 2_000, 100_000, pressure,
        InboxBacklog.unbounded(), spacing, metrics);
    Context loop = vertx.getOrCreateContext();
    long start = System.nanoTime();

    // The first request finds the lane idle: its commit begins within the call, with no pressure.
    // Three more, sent 100 ms after it was answered (no commit under way), come within the second
    // after its commit began: they wait for that second to pass, report pressure meanwhile, and
    // go together in one commit.
    Promise<Submitted> first = Promise.promise();
    Promise<Boolean> pressed = Promise.promise();
    Promise<Long> later = Promise.promise();
    loop.runOnContext(v -> {
      Submitted submitted = submitOnTheLoop(committer, metrics);
      first.complete(submitted);
      submitted.answer().onSuccess(r -> vertx.setTimer(100, id -> {
        List<Future<GroupCommitter.Result>> next = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          next.add(committer.submit(message(UUID.randomUUID().toString())));
        }
        pressed.complete(pressure.isSaturated());
        Future.all(next).onComplete(ar -> later.handle(ar.map(all -> System.nanoTime())));
      }));
    });
    assertThat(TestApp.await(first.future()).commitBegan()).as("an idle lane commits at once").isTrue();
    assertThat(TestApp.await(first.future()).pressure()).isFalse();
    assertThat(TestApp.await(pressed.future())).as("waiting for the spacing is waiting").isTrue();
    long nextAnswered = TestApp.await(later.future());
    assertThat(Duration.ofNanos(nextAnswered - start)).isGreaterThanOrEqualTo(spacing);
    assertThat(metrics.get("tracking_group_commit_events").summary().count()).isEqualTo(2);
    assertThat(metrics.get("tracking_group_commit_events").summary().max()).isEqualTo(3);

    // Their commit began before they were answered: a spacing after that, the lane is idle again
    // (and the pressure they reported has lapsed), so the next request commits at once.
    Eventually.within(Duration.ofSeconds(10), () -> {
      assertThat(Duration.ofNanos(System.nanoTime() - nextAnswered)).isGreaterThan(spacing);
      assertThat(pressure.isSaturated()).isFalse();
    });
    Promise<Submitted> alone = Promise.promise();
    loop.runOnContext(v -> alone.complete(submitOnTheLoop(committer, metrics)));
    Submitted idle = TestApp.await(alone.future());
    assertThat(idle.commitBegan()).as("an idle lane commits at once").isTrue();
    assertThat(idle.pressure()).isFalse();
    TestApp.await(idle.answer());
    assertThat(metrics.get("tracking_group_commit_events").summary().count()).isEqualTo(3);
    assertThat(new Db(pool).count("SELECT count(*) FROM event_inbox")).isEqualTo(5);
    assertThat(pressure.isSaturated()).isFalse();
  }

  /** What a request found when it was submitted: whether its commit began within the call. */
  private record Submitted(Future<GroupCommitter.Result> answer, boolean commitBegan,
      boolean pressure) {
  }

  /** Submits one message from the current event loop and looks, in the same task, at what followed. */
  private static Submitted submitOnTheLoop(GroupCommitter committer, SimpleMeterRegistry metrics) {
    long commits = metrics.get("tracking_group_commit_events").summary().count();
    Future<GroupCommitter.Result> answer = committer.submit(message(UUID.randomUUID().toString()));
    return new Submitted(answer,
        metrics.get("tracking_group_commit_events").summary().count() == commits + 1,
        committer.pressure().isSaturated());
  }

  @Test
  void aRequestThatFindsAFreeSlotReportsNoPressure() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    GroupCommitter committer = committer(pressure, new SimpleMeterRegistry());

    for (int i = 0; i < 3; i++) {
      InboxMessage message = message(UUID.randomUUID().toString());
      assertThat(TestApp.await(committer.submit(message)).duplicateMessage()).isFalse();
      assertThat(queued(message)).isEqualTo(1);
    }

    assertThat(pressure.isSaturated()).isFalse();
  }

  @Test
  void pressureLastsForItsHoldOnly() {
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofMillis(100));
    assertThat(pressure.isSaturated()).isFalse();
    long saturatedAt = System.nanoTime();
    pressure.saturated();
    assertThat(pressure.isSaturated()).isTrue();

    Eventually.within(Duration.ofSeconds(5), () -> assertThat(pressure.isSaturated()).isFalse());
    assertThat(Duration.ofNanos(System.nanoTime() - saturatedAt)).as("it lasted its hold")
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  /** One commit at a time, so that a burst of requests has to wait. */
  private GroupCommitter committer(ForegroundPressure pressure, SimpleMeterRegistry metrics) {
    return new GroupCommitter(vertx, pool, 1, 2_000, 100_000, pressure, InboxBacklog.unbounded(),
        Duration.ZERO, metrics);
  }

  private long queued(InboxMessage message) {
    return new Db(pool).count("SELECT count(*) FROM event_inbox WHERE message_id = $1",
        message.messageId());
  }

  /** A message with one record, of an item no order has, and the given id (or none). */
  static InboxMessage message(String id) {
    String item = S10.of("EC", ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L), "VN");
    Buffer body = CarrierPush.record(item, 6, OffsetDateTime.now().minusMinutes(5)).toBuffer();
    return new InboxMessage(InboxMessage.Kind.VNPOST, id, body, 1);
  }
}

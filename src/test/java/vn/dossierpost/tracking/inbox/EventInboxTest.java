package vn.dossierpost.tracking.inbox;

import vn.dossierpost.tracking.TrackingIngest;
import vn.dossierpost.tracking.StatusMap;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.CarrierRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/**
 * The event inbox against a database of its own: what group commit acknowledged is ingested and
 * removed, whenever a processor runs; a message that cannot be ingested waits with its error
 * and holds up nothing; the processor steps aside under pressure, but not for too long; an inbox
 * too far behind refuses more.
 */
@ExtendWith(VertxExtension.class)
class EventInboxTest {

  private Vertx vertx;
  private Pool pool;
  private Db db;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.pool = TestDatabase.freshPool(vertx);
    this.db = new Db(pool);
  }

  @AfterEach
  void tearDown() {
    // The processor stops before its pool closes, so that no batch is cut off half-way.
    for (String id : List.copyOf(vertx.deploymentIDs())) {
      TestApp.await(vertx.undeploy(id));
    }
    TestApp.await(pool.close());
  }

  @Test
  void messagesAcknowledgedWhileNoProcessorRanAreIngestedOnceOneStarts() {
    GroupCommitter committer = new GroupCommitter(vertx, pool, 2, 2_000, 100_000,
        ForegroundPressure.none(), InboxBacklog.unbounded(), Duration.ZERO, new SimpleMeterRegistry());
    List<InboxMessage> messages = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      messages.add(GroupCommitterTest.message(UUID.randomUUID().toString()));
    }
    JsonObject ems = new JsonObject().put("TrackingCode", "EC123456785VN").put("StatusCode", "7")
        .put("CreatedAt", "2025-11-24 09:30:00");
    String transaction = "tx-" + UUID.randomUUID();
    messages.add(InboxMessage.ems(transaction, ems.toBuffer()));
    TestApp.await(Future.all(messages.stream().map(committer::submit).toList()));
    assertThat(db.count("SELECT count(*) FROM event_inbox")).isEqualTo(41);
    assertThat(db.count("SELECT count(*) FROM order_events")).isZero();

    SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    // Two batches of at most 8 messages at a time: their claims skip each other's messages.
    deploy(EventInbox.Yield.never(), metrics, InboxBacklog.unbounded(), 8);

    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(db.count("SELECT count(*) FROM event_inbox")).isZero());
    assertThat(db.count("SELECT count(*) FROM order_events WHERE 'PARKED' = ANY(flags) "
        + "AND source = 'WEBHOOK'")).isEqualTo(41);
    assertThat(metrics.get("tracking_inbox_events").counter().count())
        .as("each message ingested once").isEqualTo(41);
    Row emsEvent = db.one("SELECT carrier_event_id, occurred_at = '2025-11-24T09:30:00+07:00' "
        + "FROM order_events WHERE dedup_key = $1", "ems:" + transaction);
    assertThat(emsEvent.getString(0)).isEqualTo(transaction);
    assertThat(emsEvent.getBoolean(1)).isTrue();
    assertThat(db.count("SELECT count(*) FROM order_events WHERE received_at > now()"))
        .as("each event was received when its message was stored").isZero();
  }

  @Test
  void ofTheCopiesOfAMessageExactlyOneIsIngestedWhicheverBatchesTheyFallIn() {
    GroupCommitter committer = new GroupCommitter(vertx, pool, 2, 2_000, 100_000,
        ForegroundPressure.none(), InboxBacklog.unbounded(), Duration.ZERO, new SimpleMeterRegistry());
    // Copies of one message id with different records, so that the events cannot be what makes
    // the later copies go: the carrier repeated the message while the first copy waited. Then a
    // message whose id was taken before it came (ingested, or by a batch that got there first).
    String repeated = "sw:" + UUID.randomUUID();
    List<InboxMessage> copies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      copies.add(GroupCommitterTest.message(repeated));
      copies.add(GroupCommitterTest.message("sw:" + UUID.randomUUID()));
    }
    for (InboxMessage m : copies) {
      TestApp.await(committer.submit(m));
    }
    InboxMessage late = GroupCommitterTest.message("sw:" + UUID.randomUUID());
    TestApp.await(committer.submit(late));
    db.exec("INSERT INTO webhook_messages (id) VALUES ($1)", late.messageId());
    assertThat(db.count("SELECT count(*) FROM event_inbox")).isEqualTo(13);
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    // Two batches of at most 3 messages at a time: copies fall in the same and in other batches.
    deploy(EventInbox.Yield.never(), metrics, InboxBacklog.unbounded(), 3);

    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(db.count("SELECT count(*) FROM event_inbox")).isZero());
    assertThat(db.count("SELECT count(*) FROM order_events")).isEqualTo(7);
    // Which copy is ingested depends on which batch takes the id first (the carrier sends the
    // same body with each copy); that exactly one is, does not.
    String[] copyItems = copies.stream().filter(m -> m.messageId().equals(repeated))
        .map(m -> m.body().toJsonObject().getString("ItemCode")).toArray(String[]::new);
    assertThat(db.count("SELECT count(*) FROM order_events WHERE item_code = ANY($1)",
        (Object) copyItems)).as("one copy of the repeated message is ingested").isEqualTo(1);
    assertThat(metrics.get("tracking_inbox_events").counter().count()).isEqualTo(7);
    assertThat(db.count("SELECT count(*) FROM webhook_messages")).isEqualTo(8);
  }

  @Test
  void aMessageThatCannotBeIngestedWaitsWithItsErrorAndHoldsUpNothing() {
    db.exec("INSERT INTO event_inbox (message_id, kind, body, events) VALUES ('sw:bad', 'VNPOST', "
        + "$1, 1)", Buffer.buffer("{\"events\": \"not a list\"}"));
    GroupCommitter committer = new GroupCommitter(vertx, pool, 2, 2_000, 100_000,
        ForegroundPressure.none(), InboxBacklog.unbounded(), Duration.ZERO, new SimpleMeterRegistry());
    for (int i = 0; i < 5; i++) {
      TestApp.await(committer.submit(GroupCommitterTest.message(UUID.randomUUID().toString())));
    }
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    deploy(EventInbox.Yield.never(), metrics);

    Eventually.within(Duration.ofSeconds(10), () -> {
      assertThat(db.count("SELECT count(*) FROM event_inbox")).isEqualTo(1);
      assertThat(db.count("SELECT attempts FROM event_inbox WHERE message_id = 'sw:bad'")).isPositive();
    });
    Row bad = db.one("SELECT last_error, not_before > now() FROM event_inbox");
    assertThat(bad.getString(0)).contains("events must be the only field");
    assertThat(bad.getBoolean(1)).as("tried again later, not at once").isTrue();
    assertThat(db.count("SELECT count(*) FROM order_events")).isEqualTo(5);
    assertThat(metrics.get("tracking_inbox_failures").counter().count()).isPositive();
  }

  @Test
  void underPressureTheProcessorTakesAFewMessagesPerPause() {
    queue(30, 0);
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    pressure.saturated();

    deploy(new EventInbox.Yield(pressure, 5, Duration.ofMillis(100), Duration.ofMinutes(1)));

    Eventually.within(Duration.ofSeconds(20), () ->
        assertThat(db.count("SELECT count(*) FROM event_inbox")).isZero());
    // A batch takes its messages' ids in its own transaction: they carry its start as received_at.
    Row batches = db.one("""
        SELECT count(*), max(messages), min(extract(epoch FROM since_last) * 1000)
        FROM (SELECT count(*) AS messages,
                     received_at - lag(received_at) OVER (ORDER BY received_at) AS since_last
              FROM webhook_messages GROUP BY received_at) AS b
        """);
    assertThat(batches.getLong(0)).as("batches").isEqualTo(6);
    assertThat(batches.getLong(1)).as("messages in the largest batch").isEqualTo(5);
    assertThat(batches.getDouble(2)).as("least ms between the starts of two batches")
        .isGreaterThanOrEqualTo(100);
  }

  @Test
  void messagesWaitingLongerThanTheLagBoundAreTakenAtFullSpeedDespitePressure() {
    queue(100, 120);
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    pressure.saturated();

    deploy(new EventInbox.Yield(pressure, 5, Duration.ofMinutes(1), Duration.ofMinutes(1)));

    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(db.count("SELECT count(*) FROM event_inbox")).isZero());
  }

  @Test
  void anInboxFurtherBehindThanItsBoundRefusesNewMessagesWith503() {
    queue(20, 30);
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    pressure.saturated();
    InboxBacklog backlog = new InboxBacklog(Duration.ofSeconds(10));
    GroupCommitter committer = new GroupCommitter(vertx, pool, 2, 2_000, 100_000,
        ForegroundPressure.none(), backlog, Duration.ZERO, new SimpleMeterRegistry());
    assertThat(TestApp.await(committer.submit(GroupCommitterTest.message("sw:before")))
        .duplicateMessage()).isFalse();

    // Yielding, the processor takes one small batch and learns the inbox is 30 s behind.
    deploy(new EventInbox.Yield(pressure, 5, Duration.ofMinutes(1), Duration.ofMinutes(1)),
        new SimpleMeterRegistry(), backlog);
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(backlog.full()).isTrue());

    Throwable refused = committer.submit(GroupCommitterTest.message("sw:refused"))
        .toCompletionStage().toCompletableFuture().handle((r, e) -> e).join();
    assertThat(refused).isInstanceOf(vn.dossierpost.http.ProblemException.class);
    var problem = ((vn.dossierpost.http.ProblemException) refused).problem();
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.headers()).containsEntry("Retry-After", "30");
    assertThat(db.count("SELECT count(*) FROM event_inbox WHERE message_id = 'sw:refused'")).isZero();
  }

  /** Queues {@code n} one-record messages, as if received {@code secondsAgo} seconds ago. */
  private void queue(int n, int secondsAgo) {
    for (int i = 0; i < n; i++) {
      InboxMessage m = GroupCommitterTest.message("sw:" + UUID.randomUUID());
      db.exec("INSERT INTO event_inbox (message_id, kind, body, events, received_at) "
          + "VALUES ($1, 'VNPOST', $2, 1, now() - $3 * interval '1 second')",
          m.messageId(), m.body(), secondsAgo);
    }
  }

  private void deploy(EventInbox.Yield yield) {
    deploy(yield, new SimpleMeterRegistry());
  }

  private void deploy(EventInbox.Yield yield, SimpleMeterRegistry metrics) {
    deploy(yield, metrics, InboxBacklog.unbounded());
  }

  private void deploy(EventInbox.Yield yield, SimpleMeterRegistry metrics, InboxBacklog backlog) {
    deploy(yield, metrics, backlog, 256);
  }

  private void deploy(EventInbox.Yield yield, SimpleMeterRegistry metrics, InboxBacklog backlog,
      int batchRows) {
    TrackingIngest ingest = new TrackingIngest(Reconciler.create(List.of()), Duration.ofMinutes(10));
    TestApp.await(vertx.deployVerticle(new EventInbox(pool, ingest,
        new CarrierRecords(StatusMap.vnpost()), Outbox.create(vertx, pool), 2, batchRows, 2_000, yield,
        backlog, Duration.ofMillis(100), metrics)));
  }
}

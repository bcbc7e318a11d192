package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.outbox.ForegroundPressure;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/** Upkeep on a database of its own: old rows go, however many, and recent ones stay. */
@ExtendWith(VertxExtension.class)
class HousekeepingTest {

  @Test
  void purgesEveryOldDoneJobAndMessageIdInChunksAndKeepsRecentOnes(Vertx vertx) {
    Pool pool = TestDatabase.freshPool(vertx);
    Db db = new Db(pool);
    db.exec("INSERT INTO outbox (kind, status, done_at) SELECT 'sms.send', 'DONE', "
        + "now() - interval '8 days' FROM generate_series(1, 2500)");
    db.exec("INSERT INTO outbox (kind, status, done_at) VALUES ('sms.send', 'DONE', now() - interval '1 day')");
    db.exec("INSERT INTO webhook_messages (id, received_at) SELECT 'sw:old-' || n, "
        + "now() - interval '8 days' FROM generate_series(1, 2500) AS n");
    db.exec("INSERT INTO webhook_messages (id) VALUES ('sw:recent')");

    TestApp.await(new Housekeeping(pool, Outbox.create(vertx, pool), Idempotency.create(pool),
        ForegroundPressure.none(), new SimpleMeterRegistry()).purge());

    assertThat(db.count("SELECT count(*) FROM outbox")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM webhook_messages")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM webhook_messages WHERE id = 'sw:recent'")).isEqualTo(1);
    TestApp.await(pool.close());
  }

  @Test
  void purgesIdempotencyKeysOlderThan48HoursAndKeepsYoungerOnes(Vertx vertx) {
    Pool pool = TestDatabase.freshPool(vertx);
    Db db = new Db(pool);
    // Either side of the line, an hour away: a purge after 72 h or after 24 h fails one of them.
    db.exec("INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at) "
        + "VALUES ('000.00.12.H56', 'older', decode('00', 'hex'), 'DONE', now() - interval '49 hours')");
    db.exec("INSERT INTO idempotency_keys (scope, key, request_hash, state, created_at) "
        + "VALUES ('000.00.12.H56', 'younger', decode('00', 'hex'), 'DONE', now() - interval '47 hours')");

    TestApp.await(new Housekeeping(pool, Outbox.create(vertx, pool), Idempotency.create(pool),
        ForegroundPressure.none(), new SimpleMeterRegistry()).purge());

    assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE key = 'older'")).isZero();
    assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE key = 'younger'")).isEqualTo(1);
    TestApp.await(pool.close());
  }

  @Test
  void countsTheQueuesForTheGaugesAndWhileRequestsWaitOnlyOnceAMinute(Vertx vertx) {
    Pool pool = TestDatabase.freshPool(vertx);
    Db db = new Db(pool);
    db.exec("INSERT INTO outbox (kind) SELECT 'sms.send' FROM generate_series(1, 3)");
    db.exec("INSERT INTO outbox (kind, status) VALUES ('sms.send', 'DEAD')");
    db.exec("INSERT INTO event_inbox (message_id, kind, body, events, attempts) SELECT 'sw:' || n, 'VNPOST', "
        + "'{}'::bytea, 1, CASE WHEN n = 1 THEN 2 ELSE 0 END FROM generate_series(1, 5) AS n");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ForegroundPressure pressure = new ForegroundPressure(Duration.ofHours(1));
    Housekeeping housekeeping = new Housekeeping(pool, Outbox.create(vertx, pool), Idempotency.create(pool),
        pressure, registry);

    housekeeping.refreshGauges();
    Eventually.within(Duration.ofSeconds(10), () -> {
      assertThat(registry.get("outbox_pending_jobs").gauge().value()).isEqualTo(3);
      assertThat(registry.get("outbox_dead_jobs").gauge().value()).isEqualTo(1);
      assertThat(registry.get("tracking_inbox_messages").gauge().value()).isEqualTo(5);
      assertThat(registry.get("tracking_inbox_failing_messages").gauge().value()).isEqualTo(1);
    });
    db.exec("INSERT INTO outbox (kind) VALUES ('sms.send')");
    pressure.saturated();
    housekeeping.refreshGauges();
    assertThat(housekeeping.refreshes()).isEqualTo(1);
    assertThat(registry.get("outbox_pending_jobs").gauge().value()).isEqualTo(3);

    Housekeeping calm = new Housekeeping(pool, Outbox.create(vertx, pool), Idempotency.create(pool),
        ForegroundPressure.none(), registry);
    calm.refreshGauges();
    calm.refreshGauges();
    assertThat(calm.refreshes()).isEqualTo(2);
    TestApp.await(pool.close());
  }
}

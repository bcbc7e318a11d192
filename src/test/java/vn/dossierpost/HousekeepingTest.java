package vn.dossierpost;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.support.Db;
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
        new SimpleMeterRegistry()).purge());

    assertThat(db.count("SELECT count(*) FROM outbox")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM webhook_messages")).isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM webhook_messages WHERE id = 'sw:recent'")).isEqualTo(1);
    TestApp.await(pool.close());
  }
}

package vn.dossierpost.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.db.Migrations;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;
import vn.dossierpost.support.TestDatabase;

/**
 * The claim while the queue's statistics lag behind it: after a burst, the queue holds a hundred
 * thousand jobs while its statistics, from when it was last empty, say it holds none.
 */
class OutboxClaimPlanTest {

  private static final String CLAIM =
      "EXECUTE claim('worker', 128, 30, ARRAY['callback.send', 'sms.send'])";

  @Test
  void aClaimWalksTheDueIndexInOrderEvenWhileTheStatisticsSayTheQueueIsEmpty() throws SQLException {
    DatabaseTarget target = staleQueue();
    try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
         Statement st = conn.createStatement()) {
      st.execute("PREPARE claim(text, int, float8, text[]) AS " + OutboxSql.CLAIM);
      conn.setAutoCommit(false);
      st.execute(OutboxSql.CLAIM_PLAN);
      String plan = lines(st, "EXPLAIN " + CLAIM);
      int claimed = lines(st, CLAIM).split("\n").length;
      conn.commit();

      assertThat(plan).contains("Index Scan using outbox_due_by_kind on outbox_queue")
          .doesNotContain("Bitmap").doesNotContain("Seq Scan");
      assertThat(plan.split("Sort Key", -1)).as("one sort: of the candidates chosen, not of the queue")
          .hasSize(2);
      assertThat(claimed).isEqualTo(128);
      assertThat(lines(st, "SELECT count(DISTINCT ordering_key) FROM outbox WHERE lease_owner = 'worker'"))
          .as("each first in line of its key").isEqualTo("128");
      st.execute("PREPARE done(bigint[], text[]) AS " + OutboxSql.DONE_MANY);
      String ids = lines(st, "SELECT array_agg(id) FROM outbox WHERE lease_owner = 'worker'");
      String done = lines(st, "EXPLAIN EXECUTE done('" + ids + "', array_fill('worker'::text, ARRAY[128]))");
      assertThat(done).as("the ids looked up as an array in the queue only, not by reading every finished job")
          .containsPattern("Index Cond: \\(+id = ANY").doesNotContain("outbox_finished");
      assertThat(lines(st, "SELECT current_setting('enable_sort')"))
          .as("the settings last for the claim's transaction only").isEqualTo("on");
    }
  }

  @Test
  void aWorkerWhoseClaimIsSlowHasTheQueueAnalyzed() throws SQLException {
    DatabaseTarget target = staleQueue();
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, target, 4);
    JobHandler done = job -> Future.succeededFuture(JobResult.done());
    try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
         Statement st = conn.createStatement()) {
      String analyses = "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'outbox_queue'";
      String before = lines(st, analyses);
      TestApp.await(vertx.deployVerticle(new OutboxWorker(pool,
          Map.of("callback.send", done, "sms.send", done), 8, OutboxWorker.Yield.never(),
          Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofNanos(1), new SimpleMeterRegistry())));

      Eventually.within(Duration.ofSeconds(20), () -> assertThat(lines(st, analyses))
          .as("analyzed once by the worker (autovacuum is off for it)")
          .isEqualTo(String.valueOf(Long.parseLong(before) + 1)));
      assertThat(Double.parseDouble(lines(st, "SELECT reltuples FROM pg_class WHERE relname = 'outbox_queue'")))
          .as("the statistics see the burst").isGreaterThan(50_000);
    } finally {
      TestApp.await(vertx.close());
    }
  }

  /**
   * A queue that held a burst (analyzed then), was emptied and vacuumed (statistics: no rows,
   * but its pages kept), and holds a new burst of 100,000 jobs, 5 for each of 20,000 orders.
   */
  private static DatabaseTarget staleQueue() throws SQLException {
    DatabaseTarget target = TestDatabase.emptyTarget();
    Migrations.migrate(target);
    try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
         Statement st = conn.createStatement()) {
      st.execute("ALTER TABLE outbox_queue SET (autovacuum_enabled = false)");
      String burst = "INSERT INTO outbox (kind, ordering_key, payload) "
          + "SELECT CASE WHEN n % 2 = 0 THEN 'sms.send' ELSE 'callback.send' END, "
          + "'order-' || (n % 20000), '{}' FROM generate_series(1, 100000) AS n";
      st.execute(burst);
      st.execute("ANALYZE outbox_queue");
      st.execute("UPDATE outbox SET status = 'DONE', done_at = now()");
      st.execute("VACUUM outbox_queue");
      st.execute(burst);
      assertThat(lines(st, "SELECT reltuples FROM pg_class WHERE relname = 'outbox_queue'"))
          .as("the statistics still say the queue is empty").isEqualTo("0");
    }
    return target;
  }

  /** The rows of a query, one line each. */
  private static String lines(Statement st, String sql) {
    return TestDatabase.column(st, sql, "\n");
  }
}

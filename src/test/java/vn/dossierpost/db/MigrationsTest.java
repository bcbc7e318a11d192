package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.support.TestDatabase;

/**
 * Upgrades of a database that holds data, for the migrations that move rows: every other test
 * database is migrated from empty.
 */
class MigrationsTest {

  @Test
  void v15KeepsEveryOutboxJobAndItsNumberAndPutsEachInItsStatusPartition() throws SQLException {
    DatabaseTarget target = TestDatabase.emptyTarget();
    Migrations.migrate(target, "14");
    try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
         Statement st = conn.createStatement()) {
      st.execute("INSERT INTO outbox (kind, ordering_key, payload) VALUES "
          + "('callback.send', 'order-1', '{\"n\": 1}'), ('callback.send', 'order-1', '{\"n\": 2}')");
      st.execute("INSERT INTO outbox (kind, status, done_at, attempts) "
          + "VALUES ('sms.send', 'DONE', now() - interval '1 day', 1)");
      st.execute("INSERT INTO outbox (kind, status, attempts, last_error) "
          + "VALUES ('carrier.book', 'DEAD', 8, 'HTTP 500')");

      Migrations.migrate(target);

      assertThat(rows(st, "SELECT tableoid::regclass || ' ' || id || ' ' || status || ' ' "
          + "|| coalesce(payload ->> 'n', '-') FROM outbox ORDER BY id"))
          .isEqualTo("outbox_queue 1 PENDING 1, outbox_queue 2 PENDING 2, "
              + "outbox_finished 3 DONE -, outbox_queue 4 DEAD -");
      assertThat(rows(st, "SELECT attempts || ' ' || last_error FROM outbox WHERE status = 'DEAD'"))
          .isEqualTo("8 HTTP 500");
      st.execute("INSERT INTO outbox (kind) VALUES ('sms.send')");
      assertThat(rows(st, "SELECT max(id) FROM outbox")).as("numbering goes on").isEqualTo("5");
      st.execute("UPDATE outbox SET status = 'DONE', done_at = now() WHERE id = 1");
      assertThat(rows(st, "SELECT tableoid::regclass FROM outbox WHERE id = 1"))
          .as("a job marked done moves to the finished jobs").isEqualTo("outbox_finished");
      assertThat(rows(st, "SELECT attrelid::regclass || ' ' || attstattarget FROM pg_attribute "
          + "WHERE attname = 'payload' AND attrelid IN ('outbox_queue'::regclass, "
          + "'outbox_finished'::regclass) ORDER BY 1 DESC"))
          .as("no statistics on payloads").isEqualTo("outbox_queue 0, outbox_finished 0");
      assertThat(rows(st, "SELECT relname FROM pg_class "
          + "WHERE 'vacuum_truncate=false' = ANY(reloptions) ORDER BY 1"))
          .as("queues keep their empty pages (V16)").isEqualTo("event_inbox, outbox_queue");
      assertThat(rows(st, "SELECT relname FROM pg_class "
          + "WHERE 'autovacuum_vacuum_cost_delay=10' = ANY(reloptions) ORDER BY 1"))
          .as("and are vacuumed gently (V16)").isEqualTo("event_inbox, outbox_queue");
      assertThatThrownBy(() -> st.execute("INSERT INTO outbox (kind, status) VALUES ('x', 'LOST')"))
          .isInstanceOf(SQLException.class);
    }
  }

  private static String rows(Statement st, String sql) {
    return TestDatabase.column(st, sql, ", ");
  }
}

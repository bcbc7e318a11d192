package vn.dossierpost.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

  /**
   * A new database is made from the baseline B17 in one step, an existing one by V15..V17 on top
   * of what it has: both end with the same schema, down to storage options, defaults, indexes,
   * triggers, functions and sequences' positions.
   */
  @Test
  void theBaselineMakesTheSameSchemaAsTheMigrationsItReplaces() throws SQLException {
    DatabaseTarget fromBaseline = TestDatabase.emptyTarget();
    DatabaseTarget stepByStep = TestDatabase.emptyTarget();
    List<String> history = TestDatabase.newDatabaseHistory();
    String newest = history.get(history.size() - 1).replaceAll("\\D+", "");

    Migrations.migrate(fromBaseline);
    Migrations.migrate(stepByStep, "14");
    Migrations.migrate(stepByStep);

    assertThat(rows(fromBaseline, "SELECT type || ' ' || version FROM flyway_schema_history"))
        .as("the baseline, then what came after it")
        .isEqualTo(String.join("\n", history))
        .startsWith("SQL_BASELINE 17");
    assertThat(rows(stepByStep, "SELECT string_agg(type || ' ' || version, ', ' ORDER BY installed_rank) "
        + "FROM flyway_schema_history"))
        .as("V1..V14, then V15..V17 and what came after on a database that has a history")
        .isEqualTo(java.util.stream.Stream.concat(
            java.util.stream.IntStream.rangeClosed(1, 17).mapToObj(v -> "SQL " + v),
            history.stream().skip(1))
            .collect(java.util.stream.Collectors.joining(", ")));
    assertThat(rows(fromBaseline, "SELECT max(installed_rank) FROM flyway_schema_history"))
        .isEqualTo(String.valueOf(history.size()));
    assertThat(rows(fromBaseline, SCHEMA.get(0))).contains("outbox_queue r p");
    for (String aspect : SCHEMA) {
      assertThat(rows(fromBaseline, aspect)).as(aspect).isEqualTo(rows(stepByStep, aspect));
    }
    assertThat(Migrations.latestVersion(fromBaseline)).isEqualTo(Migrations.latestVersion(stepByStep))
        .isEqualTo(newest)
        .as("read from the file names, as start-up does")
        .isEqualTo(Migrations.latestInBuild(MigrationsTest.class.getClassLoader()).orElseThrow());
  }

  /** In the packaged service the migrations are a jar's entries; subdirectories count, as for Flyway. */
  @Test
  void theNewestMigrationIsReadFromAJarsEntries(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    // As the shaded jar: multi-release, whose class loader names the directory db/migration/
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MULTI_RELEASE, "true");
    java.nio.file.Path jar = dir.resolve("service.jar");
    try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar), manifest)) {
      for (String name : new String[] {"db/", "db/migration/", "db/migration/V1__first.sql",
          "db/migration/B3__baseline.sql", "db/migration/V3_1__fix.sql", "db/migration/R__view.sql",
          "db/migration/more/V10__nested.sql", "db/migration/V11__notes.txt",
          "db/other/V99__elsewhere.sql", "V98__top.sql"}) {
        out.putNextEntry(new java.util.jar.JarEntry(name));
        out.closeEntry();
      }
    }
    try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
      assertThat(Migrations.latestInBuild(loader)).contains("10");
    }
    try (var none = new java.net.URLClassLoader(new java.net.URL[0], null)) {
      assertThat(Migrations.latestInBuild(none)).isEmpty();
    }
  }

  /** The schema, aspect by aspect, as PostgreSQL itself describes it (pg_dump is not at hand). */
  private static final java.util.List<String> SCHEMA = java.util.List.of(
      """
      SELECT c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text || ' '
        || coalesce(array_to_string(c.reloptions, ','), '-') || ' '
        || coalesce(pg_get_expr(c.relpartbound, c.oid), '-') || ' '
        || coalesce(pg_get_partkeydef(c.oid), '-')
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname NOT LIKE 'flyway_schema_history%' ORDER BY 1""",
      """
      SELECT a.attrelid::regclass || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' '
        || a.attidentity::text || a.attgenerated::text || ' ' || coalesce(a.attstattarget::text, '-') || ' '
        || a.attnum || ' ' || a.attstorage::text || ' ' || coalesce(a.attcompression::text, '')
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname NOT LIKE 'flyway_schema_history%' ORDER BY 1""",
      """
      SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1""",
      """
      SELECT indexname || ' ' || indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename NOT LIKE 'flyway_schema_history%' ORDER BY 1""",
      """
      SELECT tgrelid::regclass || ' ' || pg_get_triggerdef(oid) FROM pg_trigger
      WHERE NOT tgisinternal ORDER BY 1""",
      """
      SELECT p.proname || ' ' || pg_get_functiondef(p.oid) FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1""",
      """
      SELECT sequencename || ' ' || data_type || ' ' || start_value || ' ' || increment_by || ' '
        || coalesce(last_value::text, '-') FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1""",
      """
      SELECT viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
      UNION ALL SELECT 'type ' || t.typname || ' ' || t.typtype::text || ' '
        || coalesce((SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum
                     WHERE enumtypid = t.oid), '-')
      FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'c')
        AND t.typrelid = 0
      UNION ALL SELECT 'extension ' || extname FROM pg_extension
      UNION ALL SELECT 'comment ' || objoid::regclass || ' ' || objsubid || ' ' || description
      FROM pg_description WHERE classoid = 'pg_class'::regclass
        AND objoid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)
      ORDER BY 1""");

  private static String rows(DatabaseTarget target, String sql) throws SQLException {
    try (Connection conn = DriverManager.getConnection(target.jdbcUrl(), target.user(), "");
         Statement st = conn.createStatement()) {
      return TestDatabase.column(st, sql, "\n");
    }
  }

  private static String rows(Statement st, String sql) {
    return TestDatabase.column(st, sql, ", ");
  }
}

package vn.dossierpost.support;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import vn.dossierpost.config.DatabaseTarget;
import vn.dossierpost.db.Database;
import vn.dossierpost.db.Migrations;

/**
 * One real PostgreSQL 17 per test JVM, with zonky's fast test defaults (fsync off, a temporary
 * data directory), migrated once. Tests seed their own rows and never depend on each other's.
 */
public final class TestDatabase {

  /**
   * How Flyway fills a new database: the newest baseline script, then each versioned migration
   * after it, as {@code flyway_schema_history} lists them ({@code type version}).
   */
  public static java.util.List<String> newDatabaseHistory() {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/db/migration");
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      java.util.List<String> names = files.map(f -> f.getFileName().toString()).toList();
      int baseline = names.stream().filter(n -> n.matches("B\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
      java.util.List<String> history = new java.util.ArrayList<>();
      if (baseline > 0) {
        history.add("SQL_BASELINE " + baseline);
      }
      names.stream().filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
          .filter(v -> v > baseline).sorted().forEach(v -> history.add("SQL " + v));
      return history;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EmbeddedPostgres postgres;
  private static DatabaseTarget target;

  private TestDatabase() {
  }

  public static synchronized DatabaseTarget target() {
    if (target == null) {
      try {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      target = new DatabaseTarget("localhost", postgres.getPort(), "postgres", "postgres", "");
      Migrations.migrate(target);
    }
    return target;
  }

  public static String url() {
    return url(target());
  }

  static String url(DatabaseTarget t) {
    return "postgresql://" + t.user() + "@" + t.host() + ":" + t.port() + "/" + t.database();
  }

  private static int freshCount;
  private static boolean templateReady;

  /**
   * A database of its own, for tests that run a whole service with background workers and must
   * not share their queue with anyone: copied from a migrated template in a fraction of a second.
   */
  public static String freshUrl() {
    return url(freshTarget());
  }

  /** An empty database of its own, not migrated: for tests of the migrations themselves. */
  public static synchronized DatabaseTarget emptyTarget() {
    return createDatabase("dp_empty_" + (++freshCount), null);
  }

  /** A pool on a database of its own (see {@link #freshUrl()}). */
  public static Pool freshPool(Vertx vertx) {
    return Database.pool(vertx, freshTarget(), 8);
  }

  private static synchronized DatabaseTarget freshTarget() {
    if (!templateReady) {
      DatabaseTarget template = createDatabase("dp_template", null);
      Migrations.migrate(template);
      Migrations.migrateSimulator(template);
      templateReady = true;
    }
    return createDatabase("dp_fresh_" + (++freshCount), "dp_template");
  }

  /** A new database on the shared server, empty or copied from {@code template}. */
  private static DatabaseTarget createDatabase(String name, String template) {
    DatabaseTarget shared = target();
    try (var conn = java.sql.DriverManager.getConnection(shared.jdbcUrl(), shared.user(), "");
         var st = conn.createStatement()) {
      st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
      return new DatabaseTarget(shared.host(), shared.port(), name, shared.user(), "");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The first column of every row a query returns, as text joined by {@code separator}: for the
   * tests that read a database over plain JDBC (catalogues, plans, migrations).
   */
  public static String column(java.sql.Statement st, String sql, String separator) {
    StringBuilder out = new StringBuilder();
    try (java.sql.ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.append(out.isEmpty() ? "" : separator).append(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return out.toString();
  }

  /**
   * The generic plan PostgreSQL makes for {@code sql} (parameters unbound), as text: for the
   * tests that check a composed statement reads like the join it stands for.
   */
  public static String genericPlan(String sql) {
    DatabaseTarget t = target();
    java.util.Properties props = new java.util.Properties();
    props.setProperty("user", t.user());
    props.setProperty("password", "");
    props.setProperty("preferQueryMode", "simple"); // leaves $1 to the server's EXPLAIN
    try (var conn = java.sql.DriverManager.getConnection(t.jdbcUrl(), props);
         var st = conn.createStatement()) {
      // The plan's shape is checked, not its costs: with the few rows earlier tests leave, a
      // sequential scan can be cheapest although the index is usable.
      st.execute("SET enable_seqscan = off");
      return column(st, "EXPLAIN (GENERIC_PLAN, COSTS OFF) " + sql, "\n");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * That {@code sql}, which joins owners' relations as derived tables, plans as the join of the
   * tables themselves: PostgreSQL pulled every relation up (no "Subquery Scan" left).
   */
  public static void assertPulledUp(String name, String sql) {
    org.assertj.core.api.Assertions.assertThat(genericPlan(sql)).as(name)
        .contains("Scan").doesNotContain("Subquery Scan");
  }

  public static Pool pool(Vertx vertx) {
    return Database.pool(vertx, target(), 8);
  }
}

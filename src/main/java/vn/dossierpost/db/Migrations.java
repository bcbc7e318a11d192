package vn.dossierpost.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import vn.dossierpost.config.DatabaseTarget;

/** Flyway migrations from {@code db/migration}. Blocking: run on a worker thread. */
public final class Migrations {

  private Migrations() {
  }

  public static MigrateResult migrate(DatabaseTarget target) {
    return service(target).load().migrate();
  }

  /** What {@link #migrateService} did. {@code schema}: the newest migration of this build. */
  public record Migrated(String schema, int applied) {
  }

  /**
   * Migrates and names the newest migration in this build, to compare with what the database
   * reports as applied, with one Flyway (one scan of the migrations; Flyway reports no target
   * version when nothing was left to apply).
   */
  public static Migrated migrateService(DatabaseTarget target) {
    Flyway flyway = service(target).load();
    int applied = flyway.migrate().migrationsExecuted;
    return new Migrated(latest(flyway), applied);
  }

  /**
   * Up to {@code version} only, by the V migrations: for tests of an upgrade from an older
   * schema with data in it. Flyway would otherwise make a new database from the baseline, past
   * the target.
   */
  static MigrateResult migrate(DatabaseTarget target, String version) {
    return service(target).target(version)
        .configuration(java.util.Map.of("flyway.baselineMigrationPrefix", "NO_BASELINE_"))
        .load().migrate();
  }

  private static FluentConfiguration service(DatabaseTarget target) {
    return Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .connectRetries(10);
  }

  /**
   * Loads Flyway's and the JDBC driver's classes without connecting: done while the database
   * starts, it takes a few hundred milliseconds off the migrations that follow.
   */
  public static void warmUp() {
    try {
      Class.forName("org.postgresql.Driver");
      Flyway.configure().locations("classpath:db/migration").load();
    } catch (ClassNotFoundException | RuntimeException e) {
      // only a head start: the migrations load what they need anyway
    }
  }

  /** The simulated carrier's own schema, {@code carrier_sim}; only when it runs in-process. */
  public static MigrateResult migrateSimulator(DatabaseTarget target) {
    return Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .schemas("carrier_sim")
        .createSchemas(true)
        .locations("classpath:db/simulator")
        .connectRetries(10)
        .load()
        .migrate();
  }

  /** The newest migration in this build, to compare with what the database reports as applied. */
  public static String latestVersion(DatabaseTarget target) {
    return latest(service(target).load());
  }

  private static String latest(Flyway flyway) {
    MigrationVersion latest = MigrationVersion.EMPTY;
    for (MigrationInfo info : flyway.info().all()) {
      if (info.getVersion() != null && info.getVersion().compareTo(latest) > 0) {
        latest = info.getVersion();
      }
    }
    return latest == MigrationVersion.EMPTY ? "0" : latest.getVersion();
  }
}

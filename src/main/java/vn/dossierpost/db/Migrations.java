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

  /** Up to {@code version} only: for tests of an upgrade from an older schema with data in it. */
  static MigrateResult migrate(DatabaseTarget target, String version) {
    return service(target).target(version).load().migrate();
  }

  private static FluentConfiguration service(DatabaseTarget target) {
    return Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db/migration")
        .connectRetries(10);
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
    MigrationVersion latest = MigrationVersion.EMPTY;
    for (MigrationInfo info : service(target)
        .load()
        .info()
        .all()) {
      if (info.getVersion() != null && info.getVersion().compareTo(latest) > 0) {
        latest = info.getVersion();
      }
    }
    return latest == MigrationVersion.EMPTY ? "0" : latest.getVersion();
  }
}

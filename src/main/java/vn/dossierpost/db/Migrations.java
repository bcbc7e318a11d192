package vn.dossierpost.db;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

  /** The file name of a versioned or baseline migration: its version is the first group. */
  private static final Pattern VERSIONED = Pattern.compile("[VB](\\d+(?:[._]\\d+)*)__[^/]*\\.sql");

  /**
   * The newest migration in this build, read from the names of the files in {@code
   * db/migration} (a jar's entries, or a directory's files) without a database: start-up knows
   * it while the database is still starting, and a restart is spared a second scan by Flyway.
   * Empty if the files cannot be listed; {@link #latestVersion} then asks Flyway.
   */
  public static Optional<String> latestInBuild(ClassLoader loader) {
    try {
      MigrationVersion latest = MigrationVersion.EMPTY;
      for (URL location : Collections.list(loader.getResources("db/migration"))) {
        for (String name : names(location)) {
          Matcher m = VERSIONED.matcher(name);
          if (m.matches()) {
            MigrationVersion version = MigrationVersion.fromVersion(m.group(1).replace('_', '.'));
            latest = version.compareTo(latest) > 0 ? version : latest;
          }
        }
      }
      return latest == MigrationVersion.EMPTY ? Optional.empty() : Optional.of(latest.getVersion());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The file names under {@code location}, a directory of a jar or of the file system, its
   * subdirectories included (Flyway looks there too).
   */
  private static List<String> names(URL location) throws IOException {
    if ("jar".equals(location.getProtocol())) {
      // jar:file:/…/service.jar!/db/migration, with a trailing slash or a #runtime fragment
      // depending on the jar (a multi-release one has both): read the path itself
      String path = location.getPath();
      int bang = path.indexOf("!/");
      String entry = path.substring(bang + 2);
      String prefix = entry.endsWith("/") ? entry : entry + "/";
      List<String> names = new ArrayList<>();
      try (JarFile jar = new JarFile(Path.of(URI.create(path.substring(0, bang))).toFile())) {
        for (JarEntry file : Collections.list(jar.entries())) {
          if (file.getName().startsWith(prefix) && !file.isDirectory()) {
            names.add(file.getName().substring(file.getName().lastIndexOf('/') + 1));
          }
        }
      }
      return names;
    }
    try (Stream<Path> files = Files.walk(Path.of(location.toURI()))) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    } catch (java.net.URISyntaxException | java.nio.file.FileSystemNotFoundException e) {
      throw new IOException("cannot list " + location, e);
    }
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
    MigrationVersion latest = MigrationVersion.EMPTY;
    for (MigrationInfo info : service(target).load().info().all()) {
      if (info.getVersion() != null && info.getVersion().compareTo(latest) > 0) {
        latest = info.getVersion();
      }
    }
    return latest == MigrationVersion.EMPTY ? "0" : latest.getVersion();
  }
}

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
    DatabaseTarget t = target();
    return "postgresql://" + t.user() + "@" + t.host() + ":" + t.port() + "/" + t.database();
  }

  public static Pool pool(Vertx vertx) {
    return Database.pool(vertx, target(), 8);
  }
}

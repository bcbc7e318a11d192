package vn.dossierpost.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import vn.dossierpost.config.DatabaseTarget;

/** The reactive pool every feature shares. Its wait queue is bounded: past it, callers get 503. */
public final class Database {

  private Database() {
  }

  public static Pool pool(Vertx vertx, DatabaseTarget target, int maxSize) {
    return PgBuilder.pool().with(options("dossier-post", maxSize)).connectingTo(connect(target))
        .using(vertx).build();
  }

  /**
   * A client for single statements outside transactions (the public page's read): statements
   * are pipelined on a few connections instead of each holding one, so a burst of reads costs
   * PostgreSQL a few busy backends rather than many.
   */
  public static SqlClient pipelined(Vertx vertx, DatabaseTarget target, int connections) {
    return PgBuilder.client().with(options("dossier-post-reads", connections)).connectingTo(connect(target))
        .using(vertx).build();
  }

  private static PgConnectOptions connect(DatabaseTarget target) {
    return new PgConnectOptions()
        .setHost(target.host())
        .setPort(target.port())
        .setDatabase(target.database())
        .setUser(target.user())
        .setPassword(target.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256)
        .setReconnectAttempts(2)
        .setReconnectInterval(500);
  }

  private static PoolOptions options(String name, int maxSize) {
    return new PoolOptions()
        .setName(name)
        .setShared(false)
        .setMaxSize(maxSize)
        .setMaxWaitQueueSize(maxSize * 64)
        .setConnectionTimeout(10)
        .setIdleTimeout(300);
  }
}

package vn.dossierpost.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import vn.dossierpost.config.DatabaseTarget;

/** The reactive pool every feature shares. Its wait queue is bounded: past it, callers get 503. */
public final class Database {

  private Database() {
  }

  public static Pool pool(Vertx vertx, DatabaseTarget target, int maxSize) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(target.host())
        .setPort(target.port())
        .setDatabase(target.database())
        .setUser(target.user())
        .setPassword(target.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256)
        .setReconnectAttempts(2)
        .setReconnectInterval(500);
    PoolOptions options = new PoolOptions()
        .setName("dossier-post")
        .setShared(false)
        .setMaxSize(maxSize)
        .setMaxWaitQueueSize(maxSize * 64)
        .setConnectionTimeout(10)
        .setIdleTimeout(300);
    return PgBuilder.pool().with(options).connectingTo(connect).using(vertx).build();
  }
}

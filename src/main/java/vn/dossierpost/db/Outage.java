package vn.dossierpost.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * Whether a failure means PostgreSQL cannot be reached right now (down, restarting, recovering,
 * or the connection to it broke), as opposed to a fault in the statement or the data. Such a
 * failure is retried later by background work and answered 503 with Retry-After, never 500.
 */
public final class Outage {

  private Outage() {
  }

  public static boolean is(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
      if (one(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean one(Throwable t) {
    if (t instanceof PgException pg) {
      return isUnavailable(pg.getSqlState());
    }
    if (t instanceof ConnectException || t instanceof ClosedConnectionException
        || t instanceof ClosedChannelException) {
      return true;
    }
    String message = String.valueOf(t.getMessage());
    // Netty's native transport reports refused, reset and missing-socket errors as IOExceptions
    // whose class is internal; the pool reports its own timeout as a plain exception.
    return t instanceof IOException && (message.contains("Connection refused")
            || message.contains("Connection reset") || message.contains("Broken pipe")
            || message.contains("No such file or directory"))
        || message.contains("Timeout while waiting for a connection")
        || message.contains("Connection closed") || message.contains("connection was closed")
        || message.contains("Connection is not active now");
  }

  /**
   * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or in
   * recovery), and class 08, connection exceptions.
   */
  static boolean isUnavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01")
        || sqlState.equals("57P02") || sqlState.equals("57P03"));
  }
}

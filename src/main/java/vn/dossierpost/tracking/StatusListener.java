package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Reacts to a status change inside the transaction that made it, typically by writing outbox
 * jobs (a callback to the one-stop system, an SMS), so the change and its effects commit together.
 */
public interface StatusListener {

  Future<Void> onChange(SqlConnection tx, StatusChange change);
}

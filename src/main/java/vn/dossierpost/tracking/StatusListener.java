package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Reacts to status changes inside the transaction that made them, typically by writing outbox
 * jobs (a callback to the one-stop system, an SMS), so the changes and their effects commit
 * together. Listeners run side by side with the statement that updates the orders (their
 * statements are pipelined on the one connection), so a listener must not read what that
 * statement or another listener writes.
 */
public interface StatusListener {

  Future<Void> onChanges(SqlConnection tx, List<StatusChange> changes);
}

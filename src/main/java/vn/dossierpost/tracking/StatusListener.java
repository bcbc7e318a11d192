package vn.dossierpost.tracking;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Reacts to status changes inside the transaction that made them, typically by writing outbox
 * jobs (a callback to the one-stop system, an SMS), so the changes and their effects commit
 * together.
 */
public interface StatusListener {

  Future<Void> onChanges(SqlConnection tx, List<StatusChange> changes);
}

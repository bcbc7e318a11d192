package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.tracking.StatusChange;
import vn.dossierpost.tracking.StatusListener;

/**
 * Once a leg reaches a final status its tracking links start to run out: they stop working
 * {@code ttl} later (30 days by default), in the same transaction as the change.
 */
public final class LinkExpiry implements StatusListener {

  private final Duration ttl;

  public LinkExpiry(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public Future<Void> onChanges(SqlConnection tx, List<StatusChange> changes) {
    UUID[] ended = changes.stream().filter(c -> c.to().isFinal()).map(c -> c.order().id())
        .distinct().toArray(UUID[]::new);
    return ended.length == 0 ? Future.succeededFuture() : TrackingLinks.expireAll(tx, ended, ttl);
  }
}

package vn.dossierpost.tracking.inbox;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * A carrier's active webhook secrets, re-read every 30 s, or at most once a second when a
 * signature does not match any of them (a secret just added works within a second).
 */
final class WebhookSecrets {

  private static final long TTL_NANOS = 30_000_000_000L;

  private final Supplier<Future<List<String>>> source;
  private volatile List<String> secrets = List.of();
  private volatile long loadedAt = System.nanoTime() - 2 * TTL_NANOS;
  private Future<List<String>> loading;

  WebhookSecrets(Supplier<Future<List<String>>> source) {
    this.source = source;
  }

  synchronized Future<List<String>> get() {
    if (System.nanoTime() - loadedAt < TTL_NANOS) {
      return Future.succeededFuture(secrets);
    }
    return reload();
  }

  /** After a mismatch: the secrets as they are now, if the last read is over a second old. */
  synchronized Future<List<String>> fresh() {
    if (System.nanoTime() - loadedAt < 1_000_000_000L) {
      return Future.succeededFuture(secrets);
    }
    return reload();
  }

  private Future<List<String>> reload() {
    if (loading == null) {
      loading = source.get().onComplete(ar -> {
        synchronized (this) {
          if (ar.succeeded()) {
            secrets = ar.result();
            loadedAt = System.nanoTime();
          }
          loading = null;
        }
      });
    }
    return loading;
  }
}

package vn.dossierpost.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;
import java.util.function.BiFunction;
import vn.dossierpost.feature.Feature;

/**
 * Reading an order's audit trail. Whether a desk may see an order is the order feature's to
 * say: {@code visible} fails with 404 for an order outside the office.
 */
public final class AuditFeature implements Feature {

  private final SqlClient reads;
  private final BiFunction<String, UUID, Future<?>> visible;

  public AuditFeature(SqlClient reads, BiFunction<String, UUID, Future<?>> visible) {
    this.reads = reads;
    this.visible = visible;
  }

  @Override
  public void mount(Mount m) {
    m.at("/api/v1/orders*", AuditRoutes.router(m.vertx(), reads, visible));
  }
}

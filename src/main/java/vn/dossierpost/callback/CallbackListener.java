package vn.dossierpost.callback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.dossierpost.access.Offices;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.tracking.StatusChange;
import vn.dossierpost.tracking.StatusListener;

/**
 * Every status change of an office's order becomes a callback job for its one-stop system, in
 * the transaction of the change, ordered per order. The message id is fixed here, so retries and
 * resends carry the same {@code webhook-id} and the receiver can de-duplicate.
 */
public final class CallbackListener implements StatusListener {

  public static final String JOB = "callback.send";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter PORTAL_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  @Override
  public Future<Void> onChanges(SqlConnection tx, List<StatusChange> changes) {
    Set<String> offices = new HashSet<>();
    changes.forEach(c -> offices.add(c.order().officeCode()));
    return Offices.withCallbacks(tx, offices)
        .compose(subscribed -> {
          List<Job> jobs = new ArrayList<>();
          for (StatusChange change : changes) {
            if (subscribed.contains(change.order().officeCode())) {
              jobs.add(Job.of(JOB, change.order().id(), payload(change))
                  .orderedBy("callback:" + change.order().id()));
            }
          }
          return Outbox.enqueueAll(tx, jobs);
        });
  }

  /** What the one-stop system receives (tracking-contracts/callbacks.md). */
  static JsonObject payload(StatusChange change) {
    var order = change.order();
    JsonObject payload = new JsonObject()
        .put("webhookId", "msg_" + randomId())
        .put("type", "order.status_changed")
        .put("sequence", change.sequence())
        .put("orderId", order.id().toString())
        .put("officeCode", order.officeCode())
        .put("dossierCode", order.dossierCode())
        .put("procedureCode", order.procedureCode())
        .put("leg", order.leg().name())
        .put("itemCode", order.itemCode())
        .put("from", change.from().name())
        .put("to", change.to().name())
        .put("reason", change.to().isFinal() || change.cause() == null ? order.statusReason()
            : change.cause().reason())
        .put("changedAt", OffsetDateTime.now().toString());
    if (change.cause() != null) {
      payload.put("event", change.cause().toJson());
    }
    if (order.leg() == Leg.DELIVERY && change.to() == OrderStatus.DELIVERED && change.cause() != null) {
      // the national portal's progress update (CapNhatTienDoHoSoMC): result returned
      payload.put("portal", new JsonObject().put("MaHoSo", order.dossierCode())
          .put("TrangThaiHoSo", "10")
          .put("NgayTra", change.cause().occurredAt()
              .atZoneSameInstant(vn.dossierpost.order.OrderQuery.VIETNAM).format(PORTAL_TIME)));
    }
    return payload;
  }

  private static String randomId() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

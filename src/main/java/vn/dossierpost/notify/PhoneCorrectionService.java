package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Problems;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.Orders;

/**
 * A citizen's new phone number. Whoever had the old number may hold the old link, so in one
 * transaction the order gets the new number and a new link generation, every earlier link of
 * the order is revoked, and (if the citizen wants SMS) the current milestone's message goes to
 * the new number with the new link. Labels printed afterwards carry the new link.
 */
final class PhoneCorrectionService {

  /** The cause of the message sent again: it repeats a milestone on purpose. */
  static final String CAUSE = "phone-corrected";

  /** What the correction left: the order's new number and its new link. */
  record Corrected(UUID id, String phone, String trackingUrl) {
  }

  private final Pool pool;
  private final TrackingLinks links;

  PhoneCorrectionService(Pool pool, TrackingLinks links) {
    this.pool = pool;
    this.links = links;
  }

  /** Corrects the phone of the office's order; not found (404) for another office's order. */
  Future<Corrected> correct(Actor desk, String office, UUID id, String phone) {
    return pool.withTransaction(tx -> Orders.lockForOffice(tx, office, id).compose(order -> {
      if (order.notifySms() && !Phones.isMobile(phone)) {
        return Future.failedFuture(Problems.validation(List.of(new FieldError(
            "phone", "not_mobile", "Đơn có gửi SMS: cần số di động."))));
      }
      return TrackingLinks.revokeAll(tx, id)
          .compose(v -> Orders.correctPhone(tx, id, phone))
          // The old number stays in the trail only (shown masked): who had it may hold a link.
          .compose(generation -> Audit.append(tx, AuditEntry.onOrder(desk, "order.correct-phone",
                  id, phoneState(order.citizen().phone(), order.linkGeneration()),
                  phoneState(phone, generation)))
              .map(generation))
          .compose(generation -> resend(tx, order)
              .compose(v -> links.register(tx, id, generation))
              .map(v -> new Corrected(id, phone, links.url(id, generation))));
    }));
  }

  private static JsonObject phoneState(String phone, int linkGeneration) {
    return new JsonObject().put(AuditEntry.PHONE, phone).put("linkGeneration", linkGeneration);
  }

  /** The current milestone's message again, now to the new number; nothing if SMS are off. */
  private static Future<Void> resend(SqlClient tx, Order order) {
    if (!order.notifySms()) {
      return Future.succeededFuture();
    }
    return SmsRequests.enqueue(tx, List.of(SmsRequests.job(order.id(), new JsonObject()
        .put("from", order.status().name()).put("to", order.status().name())
        .put("sequence", order.callbackSeq()).put("cause", CAUSE))));
  }
}

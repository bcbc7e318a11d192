package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Problems;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.order.Orders;

/**
 * {@code PUT /api/v1/orders/{id}/citizen-phone}: the desk corrects a citizen's phone number.
 * Whoever had the old number may hold the old link, so in one transaction the order gets the
 * new number and a new link generation, every earlier link of the order is revoked, and (if
 * the citizen wants SMS) the current milestone's message goes to the new number with the new
 * link. Labels printed afterwards carry the new link.
 */
public final class PhoneCorrection {

  private static final String UPDATE = """
      UPDATE orders SET citizen_phone = $2, link_generation = link_generation + 1, updated_at = now()
      WHERE id = $1 RETURNING link_generation
      """;
  private static final String REVOKE =
      "UPDATE tracking_tokens SET revoked_at = now() WHERE order_id = $1 AND revoked_at IS NULL";

  private final Pool pool;
  private final TrackingLinks links;

  private PhoneCorrection(Pool pool, TrackingLinks links) {
    this.pool = pool;
    this.links = links;
  }

  public static Router router(Vertx vertx, Pool pool, TrackingLinks links) {
    PhoneCorrection routes = new PhoneCorrection(pool, links);
    Router router = Router.router(vertx);
    router.put("/:id/citizen-phone").handler(vn.dossierpost.http.JsonContent.required()).respond(routes::correct);
    return router;
  }

  private Future<JsonObject> correct(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID id = Bodies.uuidParam(ctx, "id");
    Fields in = Fields.of(Bodies.object(ctx), Set.of("phone"));
    String raw = in.text("phone", true, 9, 20);
    Optional<String> phone = raw == null ? Optional.empty() : Phones.toE164(raw);
    if (raw != null && phone.isEmpty()) {
      in.error("phone", "invalid_phone",
          "Không phải số điện thoại Việt Nam hợp lệ (ví dụ 0912345678 hoặc +84912345678).");
    }
    in.throwIfInvalid();
    return pool.withTransaction(tx -> Orders.lockForOffice(tx, office, id)
        .compose(order -> {
          if (order.notifySms() && !Phones.isMobile(phone.get())) {
            return Future.failedFuture(Problems.validation(java.util.List.of(new vn.dossierpost.http.FieldError(
                "phone", "not_mobile", "Đơn có gửi SMS: cần số di động."))));
          }
          return tx.preparedQuery(REVOKE).execute(Tuple.of(id))
              .compose(v -> tx.preparedQuery(UPDATE).execute(Tuple.of(id, phone.get())))
              .compose(updated -> {
                int generation = updated.iterator().next().getInteger(0);
                Future<?> sms = !order.notifySms() ? Future.succeededFuture()
                    : SmsRequests.enqueue(tx, List.of(SmsRequests.job(id, new JsonObject()
                        .put("from", order.status().name()).put("to", order.status().name())
                        .put("sequence", order.callbackSeq()).put("cause", "phone-corrected"))));
                return links.register(tx, id, generation).compose(v -> sms)
                    .map(v -> new JsonObject().put("id", id.toString())
                        .put("phone", Phones.masked(phone.get()))
                        .put("trackingUrl", links.url(id, generation)));
              });
        }));
  }
}

package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.geo.Phones;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.link.TrackingLinks;

/**
 * {@code PUT /api/v1/orders/{id}/citizen-phone}: the desk corrects a citizen's phone number
 * ({@link PhoneCorrectionService}); the answer shows the new number masked and the new link.
 */
final class PhoneCorrection {

  private final PhoneCorrectionService corrections;

  private PhoneCorrection(PhoneCorrectionService corrections) {
    this.corrections = corrections;
  }

  static Router router(Vertx vertx, Pool pool, TrackingLinks links) {
    PhoneCorrection routes = new PhoneCorrection(new PhoneCorrectionService(pool, links));
    Router router = Router.router(vertx);
    router.put("/:id/citizen-phone").handler(JsonContent.required()).respond(routes::correct);
    return router;
  }

  private Future<JsonObject> correct(RoutingContext ctx) {
    String office = Authenticate.principal(ctx).office();
    UUID id = Bodies.uuidParam(ctx, "id");
    String phone = PhoneCorrectionValidator.read(Bodies.object(ctx));
    return corrections.correct(Actor.of(ctx), office, id, phone)
        .map(c -> new JsonObject().put("id", c.id().toString()).put("phone", Phones.masked(c.phone()))
            .put("trackingUrl", c.trackingUrl()));
  }
}

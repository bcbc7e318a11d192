package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.Principal;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * {@code POST /api/v1/scans} (COURIER): a courier's scan of one item or of a whole handover
 * record. Idempotent by the client's scan id; a scan made hours ago keeps its own time. The
 * answer says what was recorded (for a record, which of its items were left out) and nothing
 * about the order: the item card ({@link ItemCardRoutes}) is where a courier reads that.
 */
final class ScanRoutes {

  private final ScanService scans;

  private ScanRoutes(ScanService scans) {
    this.scans = scans;
  }

  static Router router(Vertx vertx, Pool pool, TrackingIngest ingest, ManifestService manifests) {
    ScanRoutes routes = new ScanRoutes(new ScanService(pool, ingest, manifests));
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::scan);
    return router;
  }

  private Future<JsonObject> scan(RoutingContext ctx) {
    Principal courier = Authenticate.principal(ctx);
    ScanRequest scan = ScanValidator.read(Bodies.object(ctx));
    return scans.record(courier, Actor.of(ctx), scan).map(recorded -> answer(scan, recorded));
  }

  private static JsonObject answer(ScanRequest scan, ScanService.Recorded recorded) {
    List<TrackingIngest.Outcome> outcomes = recorded.outcomes();
    long duplicates = outcomes.stream().filter(o -> o == TrackingIngest.Outcome.DUPLICATE).count();
    long parked = outcomes.stream().filter(o -> o == TrackingIngest.Outcome.PARKED).count();
    JsonObject answer = new JsonObject().put("scanId", scan.scanId())
        .put("recorded", outcomes.size() - duplicates).put("duplicates", duplicates)
        .put("parked", parked);
    return scan.manifestCode() == null ? answer : answer.put("manifestCode", scan.manifestCode())
        .put("skipped", new JsonArray(recorded.skipped()));
  }
}

package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Problems;
import vn.dossierpost.label.ManifestService;
import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.TrackingEvent;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * Records couriers' scans as tracking events. Each is keyed by the courier's unit and the
 * client's scan id, so a phone that uploads its offline queue twice records each scan once.
 */
final class ScanService {

  private final Pool pool;
  private final TrackingIngest ingest;
  private final ManifestService manifests;

  ScanService(Pool pool, TrackingIngest ingest, ManifestService manifests) {
    this.pool = pool;
    this.ingest = ingest;
    this.manifests = manifests;
  }

  /** What happened to each event the scan made: stored, parked or a duplicate. */
  Future<List<TrackingIngest.Outcome>> record(Principal courier, Actor actor, ScanRequest scan) {
    return scan.manifestCode() != null ? manifest(courier, actor, scan) : item(courier, actor, scan);
  }

  /** One item, checked against its order's leg and fee (an unknown item: as given, parked). */
  private Future<List<TrackingIngest.Outcome>> item(Principal courier, Actor actor,
      ScanRequest scan) {
    return Orders.legOfItem(pool, scan.itemCode()).compose(order -> {
      ScanValidator.checkStep(scan, order.map(Orders.ItemLeg::leg).orElse(null),
          order.map(Orders.ItemLeg::feeToCollect).orElse(0L));
      TrackingEvent event = event(scan, courier, scan.itemCode(),
          "scan:" + courier.scope() + ":" + scan.scanId());
      return pool.withTransaction(tx -> ingest.ingest(tx, actor, List.of(event)));
    });
  }

  /** Accepting a whole handover record: every item on it collected, in one scan. */
  private Future<List<TrackingIngest.Outcome>> manifest(Principal courier, Actor actor,
      ScanRequest scan) {
    return manifests.handover(scan.manifestCode()).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(Problems.notFound());
      }
      ManifestService.Handover handover = found.get();
      return Orders.findAll(pool, handover.orderIds()).compose(orders -> {
        List<TrackingEvent> events = orders.stream().map(o -> event(scan, courier, o.itemCode(),
            "scan:" + courier.scope() + ":" + scan.scanId() + ":" + o.itemCode())).toList();
        return pool.withTransaction(tx -> manifests.accept(tx, handover.id(), scan.at(), courier.scope())
            .compose(v -> ingest.ingest(tx, actor, events)));
      });
    });
  }

  private static TrackingEvent event(ScanRequest scan, Principal courier, String itemCode, String key) {
    JsonObject body = scan.body();
    JsonObject details = new JsonObject().put("postalUnit", courier.scope()).put("scanId", scan.scanId());
    if (body.containsKey("checklist")) {
      details.put("checklist", Checklists.normalized(body.getJsonArray("checklist")));
    }
    if (scan.manifestCode() != null) {
      details.put("manifestCode", scan.manifestCode());
    }
    String reasonCode = body.getString("reason");
    if (reasonCode != null) {
      details.put("reasonCode", reasonCode);
    }
    if (body.getString("note") != null) {
      details.put("note", Fields.normalize(body.getString("note")));
    }
    JsonObject fee = body.getValue("fee") instanceof JsonObject f ? f : null;
    JsonObject location = body.getValue("location") instanceof JsonObject l ? l : new JsonObject();
    String reason = reasonCode == null ? null
        : "OTHER".equals(reasonCode) && body.getString("note") != null ? Fields.normalize(body.getString("note"))
        : ScanValidator.REASONS.get(reasonCode);
    return new TrackingEvent(null, null, itemCode, EventCode.valueOf(scan.action().name()),
        scan.action().name(), null, scan.at(), Instant.now(), location.getString("code"),
        location.getString("name"), reason,
        body.getString("courier") == null ? null : Fields.normalize(body.getString("courier")),
        proof(body), details, fee == null ? null : fee.getLong("amount"),
        fee == null ? null : fee.getString("receiptNumber"), body.getString("sealNumber"),
        EventSource.SCAN, scan.scanId(), key, Set.of());
  }

  /** The proof of delivery as kept: the id number masked to its last four characters. */
  private static JsonObject proof(JsonObject body) {
    if (!(body.getValue("proof") instanceof JsonObject p)) {
      return null;
    }
    JsonObject proof = new JsonObject().put("recipientName", Fields.normalize(p.getString("recipientName")))
        .put("idType", p.getString("idType"))
        .put("idNumberMasked", "********" + p.getString("idLast4"))
        .put("authorisationLetter", p.getBoolean("authorisationLetter", false));
    if (p.getString("signatureRef") != null) {
      proof.put("signatureRef", p.getString("signatureRef"));
    }
    if (p.getString("photoRef") != null) {
      proof.put("photoRef", p.getString("photoRef"));
    }
    return proof;
  }
}

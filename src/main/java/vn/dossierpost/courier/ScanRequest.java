package vn.dossierpost.courier;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import vn.dossierpost.http.Fields;

/**
 * A courier's scan of one item or of a whole handover record, read and checked as far as it can
 * be without the order; {@code in} carries on checking once the order's leg is known.
 */
record ScanRequest(String scanId, String itemCode, String manifestCode, Action action,
    OffsetDateTime at, JsonObject body, Fields in) {

  /** What a courier may scan: the normalised events of a courier's own steps. */
  enum Action {
    COLLECTED, COLLECTION_FAILED, ARRIVED_FACILITY, DEPARTED_FACILITY, OUT_FOR_DELIVERY,
    DELIVERY_FAILED, HELD_FOR_PICKUP, DELIVERED, RETURN_STARTED, RETURNED
  }
}

package vn.dossierpost.courier;

import vn.dossierpost.tracking.TrackingIngest;
import vn.dossierpost.tracking.TrackingEvent;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.EventCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Bodies;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.JsonContent;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Problems;
import vn.dossierpost.order.Leg;
import vn.dossierpost.s10.S10;

/**
 * {@code POST /api/v1/scans} (COURIER): a courier's scan of one item or of a whole handover
 * record. Idempotent by the client's scan id, so a phone that uploads its offline queue twice
 * records each scan once; a scan made hours ago keeps its own time. Each step records what it
 * needs (Circular 17/2017/TT-BTTTT): at a pickup the document checklist, seal and fee receipt;
 * at a delivery the proof of who received it; at a failed attempt a reason from a fixed list.
 * The answer says what was recorded and nothing about the order.
 */
public final class ScanRoutes {

  /** Why an attempt failed: the fixed list couriers choose from, with the words people read. */
  public static final Map<String, String> REASONS = Map.of(
      "RECIPIENT_ABSENT", "Người nhận vắng nhà",
      "WRONG_ADDRESS", "Sai hoặc không tìm thấy địa chỉ",
      "UNREACHABLE_PHONE", "Không liên lạc được qua điện thoại",
      "RECIPIENT_REFUSED", "Người nhận từ chối nhận",
      "DOSSIER_INCOMPLETE", "Hồ sơ chưa đủ thành phần",
      "FEE_NOT_PAID", "Chưa nộp phí, lệ phí",
      "NO_ID_DOCUMENT", "Không xuất trình được giấy tờ tùy thân",
      "OTHER", "Lý do khác");
  static final Set<String> ID_TYPES = Set.of("CCCD", "CMND", "PASSPORT", "OTHER");
  private static final Pattern SCAN_ID = Pattern.compile("^[A-Za-z0-9_-]{8,100}$");
  private static final Pattern MANIFEST = Pattern.compile("^MF[0-9A-HJKMNP-TV-Z]{10}$");
  private static final Pattern ID_LAST4 = Pattern.compile("^[0-9A-Z]{4}$");
  private static final Duration FUTURE = Duration.ofMinutes(10);
  private static final Duration PAST = Duration.ofDays(30);

  private static final String ORDER = """
      SELECT id, leg, fee_to_collect FROM orders WHERE item_code = $1
      """;
  private static final String MANIFEST_ITEMS = """
      SELECT m.id AS manifest_id, o.id, o.item_code FROM manifests m
      JOIN manifest_items i ON i.manifest_id = m.id JOIN orders o ON o.id = i.order_id
      WHERE m.code = $1 ORDER BY i.position
      """;
  private static final String ACCEPT_MANIFEST = """
      UPDATE manifests SET accepted_at = coalesce(accepted_at, $2),
                           postal_unit = coalesce(postal_unit, $3)
      WHERE id = $1
      """;

  /** What a courier may scan: the normalised events of a courier's own steps. */
  public enum Action {
    COLLECTED, COLLECTION_FAILED, ARRIVED_FACILITY, DEPARTED_FACILITY, OUT_FOR_DELIVERY,
    DELIVERY_FAILED, HELD_FOR_PICKUP, DELIVERED, RETURN_STARTED, RETURNED
  }

  private final Pool pool;
  private final TrackingIngest ingest;

  private ScanRoutes(Pool pool, TrackingIngest ingest) {
    this.pool = pool;
    this.ingest = ingest;
  }

  public static Router router(Vertx vertx, Pool pool, TrackingIngest ingest) {
    ScanRoutes routes = new ScanRoutes(pool, ingest);
    Router router = Router.router(vertx);
    router.post("/").handler(JsonContent.required()).respond(routes::scan);
    return router;
  }

  /** A scan read and checked as far as it can be without the order. */
  private record Scan(String scanId, String itemCode, String manifestCode, Action action,
      OffsetDateTime at, JsonObject body, Fields in) {
  }

  private Future<JsonObject> scan(RoutingContext ctx) {
    Principal courier = Authenticate.principal(ctx);
    Scan scan = read(Bodies.object(ctx));
    if (scan.manifestCode() != null) {
      return manifest(courier, scan);
    }
    return pool.preparedQuery(ORDER).execute(Tuple.of(scan.itemCode())).compose(rows -> {
      Row order = rows.size() == 0 ? null : rows.iterator().next();
      checkStep(scan, order == null ? null : Leg.valueOf(order.getString("leg")),
          order == null ? 0 : order.getLong("fee_to_collect"));
      TrackingEvent event = event(scan, courier, scan.itemCode(), "scan:" + courier.scope() + ":"
          + scan.scanId());
      return pool.withTransaction(tx -> ingest.ingest(tx, List.of(event)))
          .map(outcomes -> answer(scan, outcomes));
    });
  }

  /** Accepting a whole handover record: every item on it collected, in one scan. */
  private Future<JsonObject> manifest(Principal courier, Scan scan) {
    if (scan.action() != Action.COLLECTED) {
      scan.in().error("action", "manifest_collect_only",
          "Quét biên bản bàn giao chỉ dùng để nhận (COLLECTED) cả lô.");
      scan.in().throwIfInvalid();
    }
    return pool.preparedQuery(MANIFEST_ITEMS).execute(Tuple.of(scan.manifestCode())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problems.notFound());
      }
      List<TrackingEvent> events = new ArrayList<>();
      java.util.UUID manifestId = null;
      for (Row row : rows) {
        manifestId = row.getUUID("manifest_id");
        events.add(event(scan, courier, row.getString("item_code"), "scan:" + courier.scope() + ":"
            + scan.scanId() + ":" + row.getString("item_code")));
      }
      java.util.UUID id = manifestId;
      return pool.withTransaction(tx -> tx.preparedQuery(ACCEPT_MANIFEST)
              .execute(Tuple.of(id, scan.at(), courier.scope()))
              .compose(v -> ingest.ingest(tx, events)))
          .map(outcomes -> answer(scan, outcomes).put("manifestCode", scan.manifestCode()));
    });
  }

  private Scan read(JsonObject body) {
    Fields in = Fields.of(body, Set.of("scanId", "itemCode", "manifestCode", "action", "scannedAt",
        "location", "courier", "checklist", "sealNumber", "fee", "proof", "reason", "note"));
    String scanId = in.code("scanId", true, SCAN_ID, "Mã lần quét gồm 8–100 chữ, số, '-' hoặc '_'.");
    String item = null;
    String manifest = null;
    if (in.has("manifestCode")) {
      manifest = in.code("manifestCode", true, MANIFEST, "Mã biên bản có dạng MF và 10 ký tự.");
      if (in.has("itemCode")) {
        in.error("itemCode", "one_target", "Quét một bưu gửi hoặc một biên bản, không cả hai.");
      }
    } else {
      Object raw = body.getValue("itemCode");
      item = raw instanceof String s ? S10.normalize(s) : null;
      if (item == null) {
        in.error("itemCode", "required", "Cần mã bưu gửi (hoặc mã biên bản).");
      } else if (!S10.isValid(item)) {
        in.error("itemCode", "invalid_item_code", "Mã bưu gửi không hợp lệ: " + S10.why(item).orElse(""));
      }
    }
    Action action = in.enumValue("action", Action.class, true);
    OffsetDateTime at = null;
    Object when = body.getValue("scannedAt");
    if (when == null) {
      in.error("scannedAt", "required", "Bắt buộc phải có thời điểm quét.");
    } else {
      try {
        at = OffsetDateTime.parse(String.valueOf(when));
        Instant now = Instant.now();
        if (at.toInstant().isAfter(now.plus(FUTURE))) {
          in.error("scannedAt", "in_future", "Thời điểm quét ở tương lai: kiểm tra đồng hồ máy.");
        } else if (at.toInstant().isBefore(now.minus(PAST))) {
          in.error("scannedAt", "too_old", "Lần quét quá 30 ngày, không nhận nữa.");
        }
      } catch (DateTimeParseException e) {
        in.error("scannedAt", "invalid_date", "Dùng thời điểm ISO 8601 có múi giờ.");
      }
    }
    Fields location = in.object("location", false, Set.of("code", "name"));
    if (location != null) {
      location.text("code", false, 1, 32);
      location.text("name", false, 1, 200);
    }
    in.text("courier", false, 2, 100);
    in.text("note", false, 1, 300);
    in.throwIfInvalid();
    return new Scan(scanId, item, manifest, action, at, body, in);
  }

  /** What the step needs, now that the order's leg and fee are known (unknown: as given). */
  private static void checkStep(Scan scan, Leg leg, long fee) {
    Fields in = scan.in();
    JsonObject body = scan.body();
    Action action = scan.action();
    if (action == Action.COLLECTED && leg == Leg.PICKUP) {
      checklist(in, body, true);
      in.text("sealNumber", true, 3, 40);
      fee(in, fee > 0);
    } else if (action == Action.DELIVERED) {
      if (leg == Leg.PICKUP) {
        in.error("action", "desk_receives_pickup",
            "Hồ sơ thu gom được hoàn tất khi bộ phận một cửa tiếp nhận, không bằng lần quét này.");
      } else {
        Fields proof = in.object("proof", leg == Leg.DELIVERY, Set.of("recipientName", "idType",
            "idLast4", "signatureRef", "photoRef", "authorisationLetter"));
        if (proof != null) {
          proof.text("recipientName", true, 2, 100);
          String type = proof.code("idType", true, Pattern.compile("^[A-Z]+$"),
              "Loại giấy tờ: CCCD, CMND, PASSPORT hoặc OTHER.");
          if (type != null && !ID_TYPES.contains(type)) {
            proof.error("idType", "invalid_value", "Loại giấy tờ: CCCD, CMND, PASSPORT hoặc OTHER.");
          }
          proof.code("idLast4", true, ID_LAST4, "Chỉ ghi 4 ký tự cuối của số giấy tờ.");
          String signature = proof.text("signatureRef", false, 1, 200);
          String photo = proof.text("photoRef", false, 1, 200);
          if (signature == null && photo == null) {
            proof.error("signatureRef", "required", "Cần chữ ký hoặc ảnh xác nhận của người nhận.");
          }
          proof.bool("authorisationLetter", Boolean.FALSE);
        }
        fee(in, fee > 0 && leg == Leg.DELIVERY);
      }
    } else if (action == Action.COLLECTION_FAILED || action == Action.DELIVERY_FAILED) {
      String reason = in.code("reason", true, Pattern.compile("^[A-Z_]{2,40}$"),
          "Chọn lý do trong danh sách.");
      if (reason != null && !REASONS.containsKey(reason)) {
        in.error("reason", "invalid_value", "Lý do phải là một trong: " + String.join(", ", REASONS.keySet()));
      }
      if ("OTHER".equals(reason) && in.text("note", true, 3, 300) == null) {
        in.error("note", "required", "Ghi rõ lý do khác.");
      }
    } else if (action == Action.COLLECTED) {
      checklist(in, body, false);
      in.text("sealNumber", false, 3, 40);
    }
    in.throwIfInvalid();
  }

  private static void checklist(Fields in, JsonObject body, boolean required) {
    JsonArray list = in.array("checklist", required, 50);
    if (list == null) {
      return;
    }
    if (list.isEmpty() && required) {
      in.error("checklist", "empty", "Liệt kê các thành phần hồ sơ đã nhận.");
    }
    for (int i = 0; i < list.size(); i++) {
      Fields d = in.element("checklist", i, Set.of("name", "kind", "count"));
      if (d == null) {
        continue;
      }
      d.text("name", true, 2, 200);
      d.code("kind", true, Pattern.compile("^(ORIGINAL|COPY)$"), "Bản chính (ORIGINAL) hoặc bản sao (COPY).");
      d.integer("count", false, 1, 100);
    }
  }

  private static void fee(Fields in, boolean required) {
    Fields fee = in.object("fee", required, Set.of("amount", "receiptNumber"));
    if (fee != null) {
      Long amount = fee.integer("amount", true, 0, 100_000_000L);
      fee.text("receiptNumber", amount != null && amount > 0, 3, 64);
    }
  }

  private static TrackingEvent event(Scan scan, Principal courier, String itemCode, String key) {
    JsonObject body = scan.body();
    JsonObject details = new JsonObject().put("postalUnit", courier.scope()).put("scanId", scan.scanId());
    if (body.containsKey("checklist")) {
      details.put("checklist", normalizedChecklist(body.getJsonArray("checklist")));
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
    JsonObject proof = null;
    if (body.getValue("proof") instanceof JsonObject p) {
      proof = new JsonObject().put("recipientName", Fields.normalize(p.getString("recipientName")))
          .put("idType", p.getString("idType"))
          .put("idNumberMasked", "********" + p.getString("idLast4"))
          .put("authorisationLetter", p.getBoolean("authorisationLetter", false));
      if (p.getString("signatureRef") != null) {
        proof.put("signatureRef", p.getString("signatureRef"));
      }
      if (p.getString("photoRef") != null) {
        proof.put("photoRef", p.getString("photoRef"));
      }
    }
    JsonObject fee = body.getValue("fee") instanceof JsonObject f ? f : null;
    JsonObject location = body.getValue("location") instanceof JsonObject l ? l : new JsonObject();
    String reason = reasonCode == null ? null
        : "OTHER".equals(reasonCode) && body.getString("note") != null ? Fields.normalize(body.getString("note"))
        : REASONS.get(reasonCode);
    return new TrackingEvent(null, null, itemCode, EventCode.valueOf(scan.action().name()),
        scan.action().name(), null, scan.at(), Instant.now(), location.getString("code"),
        location.getString("name"), reason,
        body.getString("courier") == null ? null : Fields.normalize(body.getString("courier")), proof,
        details, fee == null ? null : fee.getLong("amount"),
        fee == null ? null : fee.getString("receiptNumber"), body.getString("sealNumber"),
        EventSource.SCAN, scan.scanId(), key, Set.of());
  }

  static JsonArray normalizedChecklist(JsonArray list) {
    JsonArray out = new JsonArray();
    for (Object o : list) {
      JsonObject doc = (JsonObject) o;
      out.add(new JsonObject().put("name", Fields.normalize(doc.getString("name")))
          .put("kind", doc.getString("kind")).put("count", doc.getInteger("count", 1)));
    }
    return out;
  }

  private static JsonObject answer(Scan scan, List<TrackingIngest.Outcome> outcomes) {
    long duplicates = outcomes.stream().filter(o -> o == TrackingIngest.Outcome.DUPLICATE).count();
    long parked = outcomes.stream().filter(o -> o == TrackingIngest.Outcome.PARKED).count();
    return new JsonObject().put("scanId", scan.scanId())
        .put("recorded", outcomes.size() - duplicates).put("duplicates", duplicates)
        .put("parked", parked);
  }
}

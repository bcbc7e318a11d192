package vn.dossierpost.courier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.courier.CourierSteps.Requirement;
import vn.dossierpost.courier.ScanRequest.Action;
import vn.dossierpost.http.Fields;
import vn.dossierpost.order.Leg;
import vn.dossierpost.s10.S10;

/**
 * Reads a courier's scan at the edge. Each step records what it needs (Circular 17/2017/TT-BTTTT):
 * at a pickup the document checklist, seal and fee receipt; at a delivery the proof of who
 * received it; at a failed attempt a reason from a fixed list. What a step needs depends on the
 * order's leg, so that part is checked once the order is found ({@link #checkStep}).
 */
final class ScanValidator {

  /** Why an attempt failed: the fixed list couriers choose from, with the words people read. */
  static final Map<String, String> REASONS = Map.of(
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

  private ScanValidator() {
  }

  /** The scan as far as it can be checked without the order; a whole record only collects. */
  static ScanRequest read(JsonObject body) {
    Fields in = Fields.of(body, Set.of("scanId", "itemCode", "manifestCode", "action", "scannedAt",
        "location", "courier", "checklist", "sealNumber", "fee", "proof", "reason", "note",
        CatalogueCheck.MISSING));
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
    OffsetDateTime at = scannedAt(in, body);
    Fields location = in.object("location", false, Set.of("code", "name"));
    if (location != null) {
      location.text("code", false, 1, 32);
      location.text("name", false, 1, 200);
    }
    in.text("courier", false, 2, 100);
    in.text("note", false, 1, 300);
    in.throwIfInvalid();
    if (manifest != null && action != Action.COLLECTED) {
      in.error("action", "manifest_collect_only",
          "Quét biên bản bàn giao chỉ dùng để nhận (COLLECTED) cả lô.");
      in.throwIfInvalid();
    }
    return new ScanRequest(scanId, item, manifest, action, at, body, in);
  }

  /** A scan keeps its own time, within ten minutes ahead and thirty days back. */
  private static OffsetDateTime scannedAt(Fields in, JsonObject body) {
    Object when = body.getValue("scannedAt");
    if (when == null) {
      in.error("scannedAt", "required", "Bắt buộc phải có thời điểm quét.");
      return null;
    }
    try {
      OffsetDateTime at = OffsetDateTime.parse(String.valueOf(when));
      Instant now = Instant.now();
      if (at.toInstant().isAfter(now.plus(FUTURE))) {
        in.error("scannedAt", "in_future", "Thời điểm quét ở tương lai: kiểm tra đồng hồ máy.");
      } else if (at.toInstant().isBefore(now.minus(PAST))) {
        in.error("scannedAt", "too_old", "Lần quét quá 30 ngày, không nhận nữa.");
      }
      return at;
    } catch (DateTimeParseException e) {
      in.error("scannedAt", "invalid_date", "Dùng thời điểm ISO 8601 có múi giờ.");
      return null;
    }
  }

  /**
   * What the step needs ({@link CourierSteps#requirements}), now that the order's leg and fee
   * are known; what it does not need is still checked when given.
   */
  static void checkStep(ScanRequest scan, Leg leg, long fee) {
    Fields in = scan.in();
    List<Requirement> needs = CourierSteps.requirements(leg, scan.action(), fee);
    checklist(in, needs.contains(Requirement.CHECKLIST));
    in.text("sealNumber", needs.contains(Requirement.SEAL), 3, 40);
    // the leg's point of collection: where an amount other than the fee due needs a reason
    boolean point = leg == Leg.PICKUP ? scan.action() == ScanRequest.Action.COLLECTED
        : scan.action() == ScanRequest.Action.DELIVERED;
    fee(in, needs.contains(Requirement.FEE_AND_RECEIPT), point, fee);
    if (needs.contains(Requirement.RECIPIENT_AND_ID) || in.has("proof")) {
      proof(in, needs.contains(Requirement.RECIPIENT_AND_ID));
    }
    if (needs.contains(Requirement.REASON) || in.has("reason")) {
      reason(in, needs.contains(Requirement.REASON));
    }
    in.throwIfInvalid();
  }

  private static void reason(Fields in, boolean required) {
    String reason = in.code("reason", required, Pattern.compile("^[A-Z_]{2,40}$"),
        "Chọn lý do trong danh sách.");
    if (reason != null && !REASONS.containsKey(reason)) {
      in.error("reason", "invalid_value", "Lý do phải là một trong: " + String.join(", ", REASONS.keySet()));
    }
    if ("OTHER".equals(reason) && in.text("note", true, 3, 300) == null) {
      in.error("note", "required", "Ghi rõ lý do khác.");
    }
  }

  private static void checklist(Fields in, boolean required) {
    JsonArray list = Checklists.read(in, required);
    if (list != null && list.isEmpty() && required) {
      in.error("checklist", "empty", "Liệt kê các thành phần hồ sơ đã nhận.");
    }
  }

  /** Who received a delivery: a name, the kind and last four characters of an id, a mark. */
  private static void proof(Fields in, boolean required) {
    Fields proof = in.object("proof", required, Set.of("recipientName", "idType",
        "idLast4", "signatureRef", "photoRef", "authorisationLetter"));
    if (proof == null) {
      return;
    }
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

  /** The fee collected and its receipt; when it is due, each missing field is named. */
  private static void fee(Fields in, boolean required, boolean point, long due) {
    if (required && !in.has("fee")) {
      in.error("fee.amount", "required", "Cần số tiền đã thu của công dân (phải thu "
          + String.format("%,d", due).replace(',', '.') + " đ).");
      in.error("fee.receiptNumber", "required", "Cần số biên lai thu phí, lệ phí.");
      return;
    }
    Fields fee = in.object("fee", required, Set.of("amount", "receiptNumber", "reason", "note"));
    if (fee != null) {
      Long amount = fee.integer("amount", true, 0, 100_000_000L);
      fee.text("receiptNumber", amount != null && amount > 0, 3, 64);
      // Money other than what is due is a discrepancy: accepted only with the courier's reason.
      boolean differs = point && amount != null && amount != due;
      String reason = fee.text("reason", false, 3, 200);
      fee.text("note", false, 1, 500);
      if (differs && reason == null && !fee.has("reason")) {
        String expected = String.format("%,d", due).replace(',', '.');
        fee.error("amount", "differs_from_due", "Số tiền thu khác số phải thu (" + expected
            + " đ): ghi lý do hoặc thu đúng số.");
        fee.error("reason", "required", "Cần lý do khi số tiền thu khác số phải thu (" + expected + " đ).");
      }
    }
  }
}

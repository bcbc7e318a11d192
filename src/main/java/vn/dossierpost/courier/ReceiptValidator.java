package vn.dossierpost.courier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.Fields;

/** Reads a desk's receipt of a collected dossier: every violation reported at once. */
final class ReceiptValidator {

  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

  private ReceiptValidator() {
  }

  static Receipt read(JsonObject body) {
    Fields in = Fields.of(body, Set.of("checklist", "sealIntact", "feeHandedOver", "appointmentDate", "note"));
    JsonArray list = Checklists.read(in, true);
    Boolean sealIntact = in.bool("sealIntact", null);
    if (sealIntact == null) {
      in.error("sealIntact", "required", "Ghi rõ niêm phong còn nguyên vẹn hay không.");
    }
    Fields fee = in.object("feeHandedOver", false, Set.of("amount", "receiptNumber"));
    if (fee != null) {
      fee.integer("amount", true, 0, 100_000_000L);
      fee.text("receiptNumber", false, 3, 64);
    }
    String appointment = in.code("appointmentDate", false, DATE, "Ngày hẹn trả kết quả dạng YYYY-MM-DD.");
    if (appointment != null) {
      try {
        LocalDate.parse(appointment);
      } catch (RuntimeException e) {
        in.error("appointmentDate", "invalid_date", "Ngày hẹn trả không hợp lệ.");
      }
    }
    String note = in.text("note", false, 1, 500);
    in.throwIfInvalid();
    return new Receipt(Checklists.normalized(list), sealIntact,
        fee == null ? null : body.getJsonObject("feeHandedOver"), appointment, note);
  }
}

package vn.dossierpost.courier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.http.Problems;
import vn.dossierpost.s10.S10;

/** Reads the two bodies of a post → desk handover: every violation reported at once. */
final class HandoverValidator {

  static final int MAX_ITEMS = 200;
  private static final Pattern OFFICE = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final Pattern SEAL = Pattern.compile("^[\\x21-\\x7e]{1,64}$");

  private HandoverValidator() {
  }

  /** The courier's request: the office, and the items, or none for "all I hold of that office". */
  record Create(String officeCode, List<String> itemCodes, String courierName) {
  }

  /** One dossier as the desk counted it. */
  record Tally(String itemCode, Receipt receipt, String sealNumber) {
  }

  static Create create(JsonObject body) {
    Fields in = Fields.of(body, Set.of("officeCode", "itemCodes", "courier"));
    String office = in.code("officeCode", true, OFFICE, "Mã cơ quan nhận hồ sơ.");
    JsonArray items = in.array("itemCodes", false, MAX_ITEMS);
    List<String> codes = null;
    if (items != null) {
      if (items.isEmpty()) {
        in.error("itemCodes", "empty", "Liệt kê ít nhất một bưu gửi, hoặc bỏ trường này để lấy tất cả.");
      }
      codes = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        String code = items.getValue(i) instanceof String s ? S10.normalize(s) : null;
        if (code == null || !S10.isValid(code)) {
          in.error("itemCodes[" + i + "]", "invalid_item_code", "Mã bưu gửi không hợp lệ.");
        } else if (!seen.add(code)) {
          in.error("itemCodes[" + i + "]", "duplicate", "Bưu gửi " + code + " đã có trong danh sách.");
        } else {
          codes.add(code);
        }
      }
    }
    String courier = in.text("courier", false, 2, 100);
    in.throwIfInvalid();
    return new Create(office, codes, courier);
  }

  /** The desk's re-tally: one entry per dossier on the record, each read as a single receipt. */
  static Map<String, Tally> receive(JsonObject body) {
    Fields in = Fields.of(body, Set.of("dossiers"));
    JsonArray dossiers = in.array("dossiers", true, MAX_ITEMS);
    List<FieldError> errors = new ArrayList<>(in.errors());
    Map<String, Tally> tallies = new LinkedHashMap<>();
    if (dossiers != null && dossiers.isEmpty()) {
      errors.add(new FieldError("dossiers", "empty", "Kiểm đếm từng hồ sơ trên biên bản."));
    }
    for (int i = 0; dossiers != null && i < dossiers.size(); i++) {
      String at = "dossiers[" + i + "]";
      if (!(dossiers.getValue(i) instanceof JsonObject entry)) {
        errors.add(new FieldError(at, "type", "Phải là một đối tượng JSON."));
        continue;
      }
      JsonObject receipt = entry.copy();
      Object rawCode = receipt.remove("itemCode");
      Object rawSeal = receipt.remove("sealNumber");
      String code = rawCode instanceof String s ? S10.normalize(s) : null;
      if (code == null || !S10.isValid(code)) {
        errors.add(new FieldError(at + ".itemCode", rawCode == null ? "required" : "invalid_item_code",
            "Mã bưu gửi của hồ sơ không hợp lệ."));
      } else if (tallies.containsKey(code)) {
        errors.add(new FieldError(at + ".itemCode", "duplicate", "Hồ sơ " + code + " đã được kiểm đếm ở trên."));
        code = null;
      }
      String seal = null;
      if (rawSeal != null) {
        if (rawSeal instanceof String s && SEAL.matcher(s.strip()).matches()) {
          seal = s.strip();
        } else {
          errors.add(new FieldError(at + ".sealNumber", "invalid", "Số niêm phong không hợp lệ."));
        }
      }
      try {
        Receipt read = ReceiptValidator.read(receipt);
        if (code != null) {
          tallies.put(code, new Tally(code, read, seal));
        }
      } catch (ProblemException invalid) {
        invalid.problem().errors().forEach(e ->
            errors.add(new FieldError(at + "." + e.field(), e.code(), e.message())));
      }
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return tallies;
  }
}

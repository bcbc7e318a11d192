package vn.dossierpost.procedure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Problems;

/**
 * Reads one procedure as the admin API and the CSV import send it, every violation at once.
 * Limits follow the checklist's ({@code courier/Checklists}): a component's name and count must
 * fit what a courier can write back, or a complete dossier could never match.
 */
final class ProcedureReader {

  /** National procedure codes (the national database's {@code 1.001234}), as orders carry them. */
  static final Pattern CODE = Pattern.compile("^\\d\\.\\d{6}$");
  static final String CODE_MESSAGE = "Mã thủ tục có dạng 1.001234 (một chữ số, dấu chấm, sáu chữ số).";
  static final Set<String> FIELDS = Set.of("name", "postalSubmissionAllowed", "postalReturnAllowed",
      "fee", "processingDays", "components");
  static final int MAX_COMPONENTS = 50;
  private static final Pattern KIND = Pattern.compile("^(ORIGINAL|COPY)$");

  private ProcedureReader() {
  }

  /** The procedure {@code code} of {@code office} from {@code body}; 422 naming each bad field. */
  static Procedure read(String office, String code, JsonObject body) {
    Fields in = Fields.of(body, FIELDS);
    List<FieldError> errors = in.errors();
    if (code == null || !CODE.matcher(code).matches()) {
      errors.add(new FieldError("code", "invalid_format", CODE_MESSAGE));
    }
    String name = in.text("name", true, 3, 500);
    Boolean submission = required(in, "postalSubmissionAllowed");
    Boolean giveBack = required(in, "postalReturnAllowed");
    Long fee = in.integer("fee", true, 0, 100_000_000L);
    Long days = in.integer("processingDays", true, 1, 365);
    JsonArray list = in.array("components", true, MAX_COMPONENTS);
    List<Component> components = new ArrayList<>();
    if (list != null && list.isEmpty()) {
      in.error("components", "empty", "Liệt kê ít nhất một thành phần hồ sơ.");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; list != null && i < list.size(); i++) {
      Fields c = in.element("components", i, Set.of("name", "kind", "count"));
      if (c == null) {
        continue;
      }
      String componentName = c.text("name", true, 2, 200);
      String kind = c.code("kind", true, KIND, "Bản chính (ORIGINAL) hoặc bản sao (COPY).");
      Long count = c.integer("count", true, 1, 100);
      if (componentName != null && kind != null && count != null) {
        Component component = new Component(componentName, Component.Kind.valueOf(kind), count.intValue());
        if (!seen.add(component.key())) {
          c.error("name", "duplicate", "Thành phần này đã có trong danh sách (cùng tên, cùng loại bản).");
        } else {
          components.add(component);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw Problems.validation(errors);
    }
    return new Procedure(office, code, name, submission, giveBack, fee, days.intValue(), components, null);
  }

  private static Boolean required(Fields in, String name) {
    Boolean value = in.bool(name, null);
    if (value == null && !in.has(name)) {
      in.error(name, "required", "Bắt buộc phải có (true hoặc false).");
    }
    return value;
  }
}

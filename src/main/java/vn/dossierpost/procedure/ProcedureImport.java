package vn.dossierpost.procedure;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Csv;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Fields;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.http.Problems;

/**
 * {@code POST /api/v1/admin/offices/{office}/procedures/import} ({@code text/csv}, UTF-8, with or
 * without a BOM): an office's published list as a spreadsheet, one row per component. The rows of
 * one procedure repeat its code, name, postal columns, fee and processing days; they must agree.
 * As in the order import, errors are reported by row (the file's line, the header being line 1)
 * and column, and a header that is wrong refuses the whole file (422). A procedure stands alone:
 * it is imported whole, replacing what the office had under its code, or, when any of its rows is
 * wrong, not at all; procedures the file does not name are kept (D17).
 */
final class ProcedureImport {

  static final List<String> COLUMNS = List.of("procedure_code", "procedure_name", "postal_submission",
      "postal_return", "fee", "processing_days", "component_name", "component_kind", "component_count");
  /** Whole procedures must travel together, so the file is not chunked: a bigger cap than orders'. */
  static final int MAX_ROWS = 2_000;
  /** The columns that describe the procedure, repeated on each of its rows. */
  private static final List<String> PROCEDURE_COLUMNS = COLUMNS.subList(0, 6);
  private static final Pattern COMPONENT_FIELD = Pattern.compile("^components\\[(\\d+)]\\.(\\w+)$");
  private static final Map<String, String> FIELD_COLUMNS = Map.of("code", "procedure_code",
      "name", "procedure_name", "postalSubmissionAllowed", "postal_submission",
      "postalReturnAllowed", "postal_return", "fee", "fee", "processingDays", "processing_days",
      "components", "component_name");

  private ProcedureImport() {
  }

  /** The rows of one procedure in the file: their lines and values by column. */
  private record Group(String code, List<Integer> lines, List<Map<String, String>> rows) {
  }

  static Future<JsonObject> upload(RoutingContext ctx, Procedures procedures) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type"));
    if (!type.startsWith("text/csv")) {
      return Future.failedFuture(Problem.of(415, "unsupported-media-type",
          "Unsupported media type", "send the file as text/csv (UTF-8)").exception());
    }
    String text = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
    return run(procedures, Actor.of(ctx), ctx.pathParam("office"), text);
  }

  /** Imports {@code text} into {@code office}'s catalogue as {@code admin}; the answer's body. */
  static Future<JsonObject> run(Procedures procedures, Actor admin, String office, String text) {
    return procedures.officeExists(office).compose(v -> {
      Csv.Parsed parsed = Csv.read(text);
      List<List<String>> records = parsed.records();
      if (records.isEmpty()) {
        return Future.failedFuture(Problems.badRequest("missing-body",
            "the file is empty: a header line is needed"));
      }
      List<String> header = records.get(0).stream().map(String::strip).toList();
      List<FieldError> headerErrors = new ArrayList<>();
      for (String column : header) {
        if (!COLUMNS.contains(column)) {
          headerErrors.add(new FieldError("header", "unknown_column", "Cột không được hỗ trợ: " + column));
        }
      }
      if (header.stream().distinct().count() < header.size()) {
        headerErrors.add(new FieldError("header", "duplicate_column", "Một cột được ghi hai lần."));
      }
      for (String required : COLUMNS) {
        if (!header.contains(required)) {
          headerErrors.add(new FieldError("header", "missing_column", "Thiếu cột " + required));
        }
      }
      if (records.size() - 1 > MAX_ROWS) {
        headerErrors.add(new FieldError("rows", "too_many", "Tối đa " + MAX_ROWS + " dòng mỗi tệp."));
      }
      if (!headerErrors.isEmpty()) {
        return Future.failedFuture(Problems.validation(headerErrors));
      }
      return importRows(procedures, admin, office, header, records, parsed.lines());
    });
  }

  private static Future<JsonObject> importRows(Procedures procedures, Actor admin, String office,
      List<String> header, List<List<String>> records, List<Integer> lines) {
    Map<Integer, JsonObject> results = new LinkedHashMap<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i = 1; i < records.size(); i++) {
      int line = lines.get(i); // the file's line: a quoted field may span several
      List<String> values = records.get(i);
      JsonObject result = new JsonObject().put("row", line);
      results.put(line, result);
      if (values.size() != header.size()) {
        error(result, "row", "Dòng có " + values.size() + " cột, tiêu đề có " + header.size() + ".");
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        row.put(header.get(c), Fields.normalize(values.get(c)));
      }
      String code = row.get("procedure_code");
      result.put("procedureCode", code);
      if (!ProcedureReader.CODE.matcher(code).matches()) {
        error(result, "procedure_code", ProcedureReader.CODE_MESSAGE);
        continue;
      }
      Group group = groups.computeIfAbsent(code, k -> new Group(k, new ArrayList<>(), new ArrayList<>()));
      if (!group.rows().isEmpty()) {
        Map<String, String> first = group.rows().get(0);
        for (String column : PROCEDURE_COLUMNS) {
          if (!first.get(column).equals(row.get(column))) {
            error(result, column, "Khác dòng " + group.lines().get(0) + " của cùng thủ tục ("
                + first.get(column) + "): mọi dòng của một thủ tục phải ghi giống nhau.");
          }
        }
      }
      group.lines().add(line);
      group.rows().add(row);
    }
    List<Procedure> valid = new ArrayList<>();
    for (Group group : groups.values()) {
      try {
        valid.add(ProcedureReader.read(office, group.code(), body(group)));
      } catch (ProblemException invalid) {
        for (FieldError e : invalid.problem().errors()) {
          Matcher component = COMPONENT_FIELD.matcher(e.field());
          if (component.matches()) {
            int index = Integer.parseInt(component.group(1));
            error(results.get(group.lines().get(index)), "component_" + component.group(2), e.message());
          } else {
            error(results.get(group.lines().get(0)), FIELD_COLUMNS.getOrDefault(e.field(), e.field()),
                e.message());
          }
        }
      }
    }
    // a procedure with any wrong row is left out whole: an incomplete list would pass for complete
    List<Procedure> clean = valid.stream().filter(p -> groups.get(p.code()).lines().stream()
        .noneMatch(line -> results.get(line).containsKey("errors"))).toList();
    return procedures.putAll(admin, office, clean).map(stored -> {
      int imported = 0;
      int failed = 0;
      for (Group group : groups.values()) {
        boolean ok = clean.stream().anyMatch(p -> p.code().equals(group.code()));
        if (ok) {
          imported++;
        } else {
          failed++;
        }
        for (int line : group.lines()) {
          JsonObject result = results.get(line);
          if (!result.containsKey("errors")) {
            result.put("result", ok ? "imported" : "skipped");
            if (!ok) {
              result.put("reason", "Thủ tục có dòng lỗi khác: chưa nhập thủ tục này.");
            }
          }
        }
      }
      JsonArray rows = new JsonArray();
      results.values().forEach(rows::add);
      long errorRows = results.values().stream().filter(r -> "error".equals(r.getString("result"))).count();
      return new JsonObject().put("imported", imported).put("failed", failed)
          .put("errorRows", errorRows).put("rows", rows);
    });
  }

  /** One procedure as the admin API's body, from its rows; values kept as text when unreadable. */
  private static JsonObject body(Group group) {
    Map<String, String> first = group.rows().get(0);
    JsonObject body = new JsonObject();
    putIfPresent(body, "name", first.get("procedure_name"));
    putIfPresent(body, "postalSubmissionAllowed", bool(first.get("postal_submission")));
    putIfPresent(body, "postalReturnAllowed", bool(first.get("postal_return")));
    putIfPresent(body, "fee", number(first.get("fee")));
    putIfPresent(body, "processingDays", number(first.get("processing_days")));
    JsonArray components = new JsonArray();
    for (Map<String, String> row : group.rows()) {
      JsonObject c = new JsonObject();
      putIfPresent(c, "name", row.get("component_name"));
      putIfPresent(c, "kind", kind(row.get("component_kind")));
      String count = row.get("component_count");
      c.put("count", count.isEmpty() ? Long.valueOf(1) : number(count)); // as on a checklist
      components.add(c);
    }
    return body.put("components", components);
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null && !"".equals(value)) {
      json.put(key, value);
    }
  }

  private static void error(JsonObject result, String column, String message) {
    result.put("result", "error");
    JsonArray errors = result.getJsonArray("errors");
    if (errors == null) {
      errors = new JsonArray();
      result.put("errors", errors);
    }
    errors.add(new JsonObject().put("field", column).put("message", message));
  }

  /** {@code 50.000}, {@code 50,000} and {@code 50000} are the same amount, as in the order import. */
  private static Object number(String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value.replace(".", "").replace(",", "").replace(" ", ""));
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static Object bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "" -> null;
      case "1", "true", "có", "co", "x", "yes" -> Boolean.TRUE;
      case "0", "false", "không", "khong", "no" -> Boolean.FALSE;
      default -> value;
    };
  }

  /** ORIGINAL or COPY, or the words a desk writes: "Bản chính", "Bản sao" (with or without marks). */
  private static String kind(String value) {
    String plain = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D').toLowerCase(Locale.ROOT);
    return switch (plain) {
      case "original", "ban chinh", "chinh" -> "ORIGINAL";
      case "copy", "ban sao", "sao" -> "COPY";
      default -> value;
    };
  }
}

package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.http.Authenticate;
import vn.dossierpost.http.Csv;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.http.Problems;

/**
 * {@code POST /api/v1/orders/import} ({@code text/csv}): DELIVERY legs from a spreadsheet, one
 * row at a time through the same path as {@code POST /api/v1/orders}. Each row stands alone: it
 * is booked whole or not at all, and its errors are reported by row and column. A row's
 * idempotency key is derived from the row itself, so uploading a file again (or the next chunk
 * after a lost answer) creates nothing new: a row seen before answers "existing". The browser
 * sends a large file in chunks, each with its header line and {@code ?firstRow=} (the file's
 * row number of its first data row), and shows progress between them.
 */
final class OrderImport {

  /** Columns, in any order; the first four of the citizen's are required by the order itself. */
  static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("dossierCode", "dossierCode"), Map.entry("procedureCode", "procedureCode"),
      Map.entry("citizenName", "citizen.name"), Map.entry("citizenPhone", "citizen.phone"),
      Map.entry("addressLine", "citizen.address.line"), Map.entry("communeCode", "citizen.address.communeCode"),
      Map.entry("provinceCode", "citizen.address.provinceCode"), Map.entry("contents", "contents"),
      Map.entry("feeToCollect", "feeToCollect"), Map.entry("notifySms", "notifySms"));
  static final int MAX_ROWS = 500;

  private final OrderService orders;

  private OrderImport(OrderService orders) {
    this.orders = orders;
  }

  static Router router(Vertx vertx, OrderService orders) {
    OrderImport routes = new OrderImport(orders);
    Router router = Router.router(vertx);
    router.post("/import").respond(routes::upload);
    return router;
  }

  private Future<JsonObject> upload(RoutingContext ctx) {
    String type = String.valueOf(ctx.request().getHeader("Content-Type"));
    if (!type.startsWith("text/csv")) {
      return Future.failedFuture(vn.dossierpost.http.Problem.of(415, "unsupported-media-type",
          "Unsupported media type", "send the file as text/csv (UTF-8)").exception());
    }
    String office = Authenticate.principal(ctx).office();
    Actor desk = Actor.of(ctx);
    int firstRow = firstRow(ctx.request().getParam("firstRow"));
    String text = ctx.body().buffer() == null ? "" : ctx.body().buffer().toString(StandardCharsets.UTF_8);
    List<List<String>> records = Csv.parse(text);
    if (records.isEmpty()) {
      return Future.failedFuture(Problems.badRequest("missing-body", "the file is empty: a header line is needed"));
    }
    List<String> header = records.get(0).stream().map(String::strip).toList();
    List<FieldError> headerErrors = new ArrayList<>();
    for (String column : header) {
      if (!COLUMNS.containsKey(column)) {
        headerErrors.add(new FieldError("header", "unknown_column", "Cột không được hỗ trợ: " + column));
      }
    }
    for (String required : List.of("dossierCode", "procedureCode", "citizenName", "citizenPhone",
        "addressLine", "communeCode", "provinceCode", "contents")) {
      if (!header.contains(required)) {
        headerErrors.add(new FieldError("header", "missing_column", "Thiếu cột " + required));
      }
    }
    if (records.size() - 1 > MAX_ROWS) {
      headerErrors.add(new FieldError("rows", "too_many", "Tối đa " + MAX_ROWS + " dòng mỗi lần gửi."));
    }
    if (!headerErrors.isEmpty()) {
      return Future.failedFuture(Problems.validation(headerErrors));
    }
    List<JsonObject> results = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 1; i < records.size(); i++) {
      int row = firstRow + i - 1;
      List<String> values = records.get(i);
      chain = chain.compose(v -> one(desk, office, row, header, values).map(r -> {
        results.add(r);
        return null;
      }));
    }
    return chain.map(v -> {
      JsonArray rows = new JsonArray();
      int created = 0;
      int existing = 0;
      int failed = 0;
      for (JsonObject r : results) {
        rows.add(r);
        switch (r.getString("result")) {
          case "created" -> created++;
          case "existing" -> existing++;
          default -> failed++;
        }
      }
      return new JsonObject().put("created", created).put("existing", existing).put("failed", failed)
          .put("rows", rows);
    });
  }

  private Future<JsonObject> one(Actor desk, String office, int row, List<String> header,
      List<String> values) {
    JsonObject result = new JsonObject().put("row", row);
    if (values.size() != header.size()) {
      return Future.succeededFuture(result.put("result", "error").put("errors", new JsonArray().add(
          new JsonObject().put("field", "row").put("message",
              "Dòng có " + values.size() + " cột, tiêu đề có " + header.size() + "."))));
    }
    JsonObject citizen = new JsonObject();
    JsonObject address = new JsonObject();
    JsonObject body = new JsonObject().put("leg", "DELIVERY").put("notifySms", true);
    for (int c = 0; c < header.size(); c++) {
      String column = header.get(c);
      String value = values.get(c).strip();
      switch (column) {
        case "citizenName" -> citizen.put("name", value);
        case "citizenPhone" -> citizen.put("phone", value);
        case "addressLine" -> address.put("line", value);
        case "communeCode" -> address.put("communeCode", value);
        case "provinceCode" -> address.put("provinceCode", value);
        case "feeToCollect" -> body.put("feeToCollect", number(value));
        case "notifySms" -> body.put("notifySms", bool(value));
        default -> body.put(column, value);
      }
    }
    body.put("citizen", citizen.put("address", address));
    if (!body.containsKey("feeToCollect")) {
      body.put("feeToCollect", 0);
    }
    try {
      OrderRequest request = OrderValidator.read(body);
      return orders.create(desk, office, "import-" + key(body), request)
          .map(created -> result.put("result", created.replayed() ? "existing" : "created")
              .put("orderId", created.body().getString("id")))
          .recover(error -> Future.succeededFuture(failure(result, error)));
    } catch (ProblemException invalid) {
      return Future.succeededFuture(failure(result, invalid));
    }
  }

  private static JsonObject failure(JsonObject result, Throwable error) {
    if (error instanceof ProblemException p && "order-exists".equals(p.problem().slug())) {
      return result.put("result", "existing").put("orderId", p.problem().extensions().get("existingOrderId"));
    }
    JsonArray errors = new JsonArray();
    if (error instanceof ProblemException p && !p.problem().errors().isEmpty()) {
      for (FieldError e : p.problem().errors()) {
        errors.add(new JsonObject().put("field", column(e.field())).put("message", e.message()));
      }
    } else {
      errors.add(new JsonObject().put("field", "row").put("message",
          error instanceof ProblemException p ? p.problem().detail() : "Lỗi khi đặt đơn; thử lại sau."));
    }
    return result.put("result", "error").put("errors", errors);
  }

  /** The CSV column a field of the order request came from. */
  private static String column(String field) {
    for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
      if (e.getValue().equals(field)) {
        return e.getKey();
      }
    }
    return field;
  }

  private static Object number(String value) {
    try {
      return value.isEmpty() ? 0 : Long.parseLong(value.replace(".", "").replace(",", ""));
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private static Object bool(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "", "1", "true", "có", "co", "x" -> Boolean.TRUE;
      case "0", "false", "không", "khong" -> Boolean.FALSE;
      default -> value;
    };
  }

  private static int firstRow(String raw) {
    try {
      int n = raw == null ? 2 : Integer.parseInt(raw);
      return n < 1 ? 2 : n;
    } catch (NumberFormatException e) {
      return 2;
    }
  }

  private static String key(JsonObject body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.encode().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

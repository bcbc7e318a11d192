package vn.dossierpost.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** An office's procedure catalogue: the admin's changes, audited; the desk reads its own. */
class ProcedureCatalogueTest {

  private final TestApp app = TestApp.shared();
  private final Http http = app.http();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());

  @Test
  void anAdminPutsReadsListsAndDeletesAProcedureAndEachChangeIsAudited() {
    Http.Response created = put(desk.office(), "1.001234", birthRegistration(8_000));
    Http.Response replaced = put(desk.office(), "1.001234", birthRegistration(0));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    JsonObject read = http.get(path(desk.office(), "1.001234"), app.adminKey()).json();
    assertThat(read.getLong("fee")).isZero();
    assertThat(read.getInteger("processingDays")).isEqualTo(3);
    assertThat(read.getJsonArray("components").getJsonObject(1).getString("kindLabel")).isEqualTo("Bản sao");
    JsonArray listed = http.get("/api/v1/admin/offices/" + desk.office() + "/procedures", app.adminKey())
        .json().getJsonArray("items");
    assertThat(listed).hasSize(1);

    Http.Response deleted = send(HttpMethod.DELETE, path(desk.office(), "1.001234"), null);
    Http.Response again = send(HttpMethod.DELETE, path(desk.office(), "1.001234"), null);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(404);
    assertThat(http.get(path(desk.office(), "1.001234"), app.adminKey()).status()).isEqualTo(404);
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE subject = $1 AND role = 'ADMIN'",
        desk.office() + "/1.001234")).isEqualTo(3);
    var last = db.one("SELECT action, before, after FROM audit_trail WHERE subject = $1 ORDER BY id DESC LIMIT 1",
        desk.office() + "/1.001234");
    assertThat(last.getString("action")).isEqualTo("procedure.delete");
    assertThat(last.getValue("after")).isNull();
    assertThat(((JsonObject) last.getValue("before")).getString("name")).isEqualTo("Đăng ký khai sinh");
  }

  @Test
  void badInputIsA422NamingEachFieldAndChangesNothing() {
    JsonObject bad = birthRegistration(-1).put("processingDays", 0).put("postalReturnAllowed", "yes");
    bad.getJsonArray("components").getJsonObject(0).put("kind", "SCAN").put("count", 0);
    bad.getJsonArray("components").add(new JsonObject().put("name", "bản sao  CCCD của cha mẹ").put("kind", "COPY")
        .put("count", 1));

    Http.Response response = put(desk.office(), "1.001234", bad);
    Http.Response badCode = put(desk.office(), "TT-12", birthRegistration(0));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(response)).contains("fee", "processingDays", "postalReturnAllowed",
        "components[0].kind", "components[0].count", "components[2].name");
    assertThat(fields(badCode)).containsExactly("code");
    assertThat(db.count("SELECT count(*) FROM procedures WHERE office_code = $1", desk.office())).isZero();
  }

  @Test
  void anUnknownOfficeIsNotFound() {
    assertThat(put("999.99.99.Z98", "1.001234", birthRegistration(0)).status()).isEqualTo(404);
    assertThat(http.get("/api/v1/admin/offices/999.99.99.Z98/procedures", app.adminKey()).status())
        .isEqualTo(404);
    // the office routes of the access feature still answer below the same prefix
    assertThat(http.get("/api/v1/admin/offices/" + desk.office(), app.adminKey()).status()).isEqualTo(200);
  }

  @Test
  void aDeskReadsItsOwnCatalogueAndNoOtherOffices() {
    put(desk.office(), "1.001234", birthRegistration(8_000));
    Desk other = new Desk(app, app.newOffice());

    Http.Response list = http.get("/api/v1/procedures", desk.key());
    Http.Response one = http.get("/api/v1/procedures/1.001234", desk.key());
    Http.Response stranger = http.get("/api/v1/procedures/1.001234", other.key());
    Http.Response strangersList = http.get("/api/v1/procedures", other.key());
    Http.Response deskAsAdmin = http.get("/api/v1/admin/offices/" + desk.office() + "/procedures", desk.key());

    assertThat(list.json().getJsonArray("items")).hasSize(1);
    assertThat(one.json().getString("name")).isEqualTo("Đăng ký khai sinh");
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(strangersList.json().getJsonArray("items")).isEmpty();
    assertThat(deskAsAdmin.status()).isEqualTo(403);
  }

  @Test
  void aCsvWithABomImportsWholeProceduresAndReportsEachBadRowByLineAndColumn() {
    put(desk.office(), "2.000001", birthRegistration(1)); // not in the file: kept
    String csv = "\uFEFFprocedure_code,procedure_name,postal_submission,postal_return,fee,processing_days,"
        + "component_name,component_kind,component_count\r\n"
        // line 2-3: good, "Bản chính" written as a desk writes it, fee with a thousands dot
        + "1.001234,Đăng ký khai sinh,có,có,\"8.000\",3,Tờ khai đăng ký khai sinh,Bản chính,1\r\n"
        + "1.001234,Đăng ký khai sinh,có,có,\"8.000\",3,Giấy chứng sinh,ORIGINAL,\r\n"
        // line 4: bad count; line 5: unknown kind → 1.000002 left out whole, line 6 skipped
        + "1.000002,Cấp phiếu lý lịch tư pháp,1,1,200000,10,Tờ khai yêu cầu cấp phiếu,ORIGINAL,zero\r\n"
        + "1.000002,Cấp phiếu lý lịch tư pháp,1,1,200000,10,Bản sao CCCD,SCAN,1\r\n"
        + "1.000002,Cấp phiếu lý lịch tư pháp,1,1,200000,10,Giấy ủy quyền,COPY,1\r\n"
        // line 7: missing component name
        + "1.000003,Cấp bản sao trích lục hộ tịch,1,1,8000,1,,COPY,1\r\n"
        // lines 8-9: the second row disagrees on the fee
        + "1.000004,Cấp đổi giấy phép lái xe,0,1,135000,5,Đơn đề nghị đổi giấy phép lái xe,ORIGINAL,1\r\n"
        + "1.000004,Cấp đổi giấy phép lái xe,0,1,115000,5,Bản sao giấy phép lái xe,COPY,1\r\n";

    Http.Response response = importCsv(desk.office(), csv);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().getInteger("imported")).isEqualTo(1);
    assertThat(response.json().getInteger("failed")).isEqualTo(3);
    Map<Integer, JsonObject> rows = response.json().getJsonArray("rows").stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(r -> r.getInteger("row"), r -> r));
    assertThat(rows.get(2).getString("result")).isEqualTo("imported");
    assertThat(errorFields(rows.get(4))).containsExactly("component_count");
    assertThat(errorFields(rows.get(5))).containsExactly("component_kind");
    assertThat(rows.get(6).getString("result")).isEqualTo("skipped");
    assertThat(errorFields(rows.get(7))).containsExactly("component_name");
    assertThat(errorFields(rows.get(9))).containsExactly("fee");
    assertThat(rows.get(8).getString("result")).isEqualTo("skipped");

    JsonObject birth = http.get(path(desk.office(), "1.001234"), app.adminKey()).json();
    assertThat(birth.getLong("fee")).isEqualTo(8_000);
    assertThat(birth.getJsonArray("components")).hasSize(2);
    assertThat(birth.getJsonArray("components").getJsonObject(0).getString("kind")).isEqualTo("ORIGINAL");
    assertThat(birth.getJsonArray("components").getJsonObject(1).getInteger("count")).isEqualTo(1);
    assertThat(http.get(path(desk.office(), "1.000002"), app.adminKey()).status()).isEqualTo(404);
    assertThat(http.get(path(desk.office(), "2.000001"), app.adminKey()).status()).isEqualTo(200);
    assertThat(db.count("SELECT count(*) FROM audit_trail WHERE action = 'procedure.import' AND subject = $1",
        desk.office() + "/1.001234")).isEqualTo(1);
  }

  @Test
  void aCsvWithAWrongHeaderIsRefusedWhole() {
    Http.Response response = importCsv(desk.office(), "procedure_code,name\n1.001234,x\n");

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.text()).contains("unknown_column").contains("missing_column");
    Http.Response twice = importCsv(desk.office(), String.join(",", ProcedureImport.COLUMNS) + ",fee\n");
    assertThat(twice.status()).isEqualTo(422);
    assertThat(twice.text()).contains("duplicate_column");
    assertThat(db.count("SELECT count(*) FROM procedures WHERE office_code = $1", desk.office())).isZero();
  }

  @Test
  void theDemoSampleImportsWholeThroughTheJavaSeam() throws Exception {
    String csv;
    try (var in = getClass().getResourceAsStream("/demo/procedures-sample.csv")) {
      csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonObject report = TestApp.await(Procedures.create(app.services().pool())
        .importCsv(vn.dossierpost.audit.Actor.system("setup", null), desk.office(), csv));

    assertThat(report.getInteger("failed")).as(report.encodePrettily()).isZero();
    assertThat(report.getInteger("imported")).isEqualTo(4);
    var found = TestApp.await(Procedures.find(app.services().pool(), desk.office(), "1.002804")).orElseThrow();
    assertThat(found.name()).isEqualTo("Cấp đổi giấy phép lái xe");
    assertThat(found.fee()).isEqualTo(135_000);
    assertThat(found.processingDays()).isEqualTo(5);
    assertThat(found.components()).hasSize(4);
    assertThat(found.allows(Mode.BOTH)).isTrue();
    assertThat(found.allows("NOT_A_MODE")).isFalse();
  }

  @Test
  void aModeIsAllowedOnlyWhenItsPostalColumnsAre() {
    Procedure returnOnly = new Procedure("x", "1.000001", "Cấp đổi giấy phép lái xe", false, true, 0, 5,
        List.of(new Component("Đơn đề nghị", Component.Kind.ORIGINAL, 1)), null);

    assertThat(returnOnly.allows(Mode.RESULT_BY_POST)).isTrue();
    assertThat(returnOnly.allows(Mode.SUBMIT_BY_POST)).isFalse();
    assertThat(returnOnly.allows("BOTH")).isFalse();
  }

  /** A procedure with two components: the form (original) and a copy of the parent's ID, twice. */
  static JsonObject birthRegistration(long fee) {
    return new JsonObject().put("name", "Đăng ký khai sinh").put("postalSubmissionAllowed", true)
        .put("postalReturnAllowed", true).put("fee", fee).put("processingDays", 3)
        .put("components", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký khai sinh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD của cha mẹ").put("kind", "COPY").put("count", 2)));
  }

  private Http.Response put(String office, String code, JsonObject body) {
    return send(HttpMethod.PUT, path(office, code), body);
  }

  private Http.Response importCsv(String office, String csv) {
    return http.send(HttpMethod.POST, "/api/v1/admin/offices/" + office + "/procedures/import",
        app.adminKey(), Buffer.buffer(csv), Map.of("Content-Type", "text/csv; charset=utf-8"));
  }

  private Http.Response send(HttpMethod method, String path, JsonObject body) {
    return http.send(method, path, app.adminKey(), body == null ? null : body.toBuffer(),
        body == null ? Map.of() : Map.of("Content-Type", "application/json"));
  }

  private static String path(String office, String code) {
    return "/api/v1/admin/offices/" + office + "/procedures/" + code;
  }

  private static List<String> fields(Http.Response response) {
    return response.json().getJsonArray("errors", new JsonArray()).stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private static List<String> errorFields(JsonObject row) {
    return row.getJsonArray("errors", new JsonArray()).stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }
}

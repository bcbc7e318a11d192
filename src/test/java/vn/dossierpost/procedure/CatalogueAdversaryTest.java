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

/**
 * The catalogue's CSV import and routes as an adversary tries them: quoted fields holding commas
 * and line breaks, CRLF, BOMs, spreadsheet formulas, too many rows, duplicate components, codes
 * that are paths. Never 5xx; a row is named by its line in the file.
 */
class CatalogueAdversaryTest {

  private static final String HEADER = String.join(",", ProcedureImport.COLUMNS);

  private final TestApp app = TestApp.shared();
  private final Http http = app.http();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());

  /**
   * A quoted name may hold a line break (a spreadsheet writes one for Alt+Enter): the rows after
   * it must still be reported by the line they start on in the file, as the README promises.
   */
  @Test
  void aRowIsNamedByItsLineInTheFileEvenAfterAQuotedLineBreak() {
    String csv = HEADER + "\r\n"
        // lines 2-3: one record whose name holds a comma and a line break
        + "1.001234,\"Đăng ký khai sinh, kết hôn\r\n(liên thông)\",có,có,8000,3,\"Tờ khai, bản chính\",ORIGINAL,1\r\n"
        // line 4: a bad count
        + "1.000002,Cấp phiếu lý lịch tư pháp,1,1,200000,10,Tờ khai,ORIGINAL,zero\r\n";

    Http.Response response = importCsv(csv);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    Map<Integer, JsonObject> rows = rows(response);
    assertThat(rows.get(2).getString("result")).isEqualTo("imported");
    assertThat(rows).as(response.toString()).containsKey(4).doesNotContainKey(3);
    assertThat(rows.get(4).getString("result")).isEqualTo("error");
    JsonObject stored = http.get(path("1.001234"), app.adminKey()).json();
    assertThat(stored.getString("name")).contains("kết hôn").contains("liên thông");
    assertThat(stored.getJsonArray("components").getJsonObject(0).getString("name"))
        .isEqualTo("Tờ khai, bản chính");
  }

  @Test
  void bomsAndLineEndingsDoNotChangeWhatIsImported() {
    String body = "1.001234,Đăng ký khai sinh,có,có,8000,3,Tờ khai đăng ký khai sinh,ORIGINAL,1";
    for (String csv : List.of(HEADER + "\n" + body + "\n", "\uFEFF" + HEADER + "\r\n" + body + "\r\n",
        HEADER + "\r" + body + "\r", "\uFEFF" + HEADER + "\n" + body)) {
      Http.Response response = importCsv(csv);
      assertThat(response.status()).as(csv + response).isEqualTo(200);
      assertThat(response.json().getInteger("imported")).as(csv).isEqualTo(1);
    }
    Http.Response doubleBom = importCsv("\uFEFF\uFEFF" + HEADER + "\n" + body + "\n");
    assertThat(doubleBom.status()).isEqualTo(422);
    Http.Response utf16 = http.send(HttpMethod.POST, importPath(), app.adminKey(),
        Buffer.buffer(("\uFEFF" + HEADER + "\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_16LE)),
        Map.of("Content-Type", "text/csv"));
    assertThat(utf16.status()).isBetween(400, 422);
  }

  /**
   * A name that a spreadsheet would run as a formula is data like any other: stored and shown as
   * typed (JSON, PDF), never evaluated; the only CSV the service writes (the fee ledger) quotes
   * such cells, and it carries no procedure name.
   */
  @Test
  void aFormulaInANameIsStoredAsTextAndNeverAnError() {
    String formula = "=cmd|' /C calc'!A0";
    String csv = HEADER + "\n1.001234,\"" + formula + "\",có,có,8000,3,\"@SUM(1+1)*cmd|' /C calc'!A0\",ORIGINAL,1\n";

    Http.Response response = importCsv(csv);

    assertThat(response.status()).as(response.toString()).isIn(200, 422);
    if (response.status() == 200 && response.json().getInteger("imported") == 1) {
      assertThat(http.get("/api/v1/procedures/1.001234", desk.key()).json().getString("name"))
          .isEqualTo(formula);
    }
  }

  @Test
  void twoThousandRowsAreTakenAndOneMoreRefusesTheFileWhole() {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int p = 0; p < 40; p++) {
      for (int c = 0; c < 50; c++) {
        csv.append(String.format("1.%06d,Thủ tục %d,có,có,8000,3,Thành phần %d,COPY,1%n", p + 1, p, c));
      }
    }
    Http.Response full = importCsv(csv.toString());
    Http.Response over = importCsv(csv + "1.000041,Thủ tục 41,có,có,8000,3,Thành phần,COPY,1\n");

    assertThat(full.status()).as(full.toString()).isEqualTo(200);
    assertThat(full.json().getInteger("imported")).isEqualTo(40);
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.text()).contains("too_many");
    assertThat(db.count("SELECT count(*) FROM procedures WHERE office_code = $1 AND code = '1.000041'",
        desk.office())).isZero();
  }

  /**
   * The same component listed twice would make the courier's checklist and the desk's re-tally
   * ask for it twice; the import must either refuse the row or hold it once, never store both.
   */
  @Test
  void aComponentListedTwiceIsNotStoredTwice() {
    String csv = HEADER + "\n"
        + "1.001234,Đăng ký khai sinh,có,có,8000,3,Giấy chứng sinh,ORIGINAL,1\n"
        + "1.001234,Đăng ký khai sinh,có,có,8000,3,giấy  chứng sinh,ORIGINAL,1\n";

    Http.Response response = importCsv(csv);

    assertThat(response.status()).as(response.toString()).isLessThan(500);
    Http.Response stored = http.get(path("1.001234"), app.adminKey());
    if (stored.status() == 200) {
      assertThat(stored.json().getJsonArray("components")).as(stored.toString()).hasSize(1);
    } else {
      assertThat(rows(response).get(3).getString("result")).isEqualTo("error");
    }
  }

  @Test
  void codesAndOfficesThatArePathsAreNotFoundAndNeverAnError() {
    List<String> odd = List.of("..%2F..%2Fadmin", "1.001234%00", "1.001234%2F..", "%C3%A9",
        "1.".repeat(3000), "1.001234;DROP", "%2E%2E", "1.001234.json");
    for (String code : odd) {
      Http.Response viaDesk = http.get("/api/v1/procedures/" + code, desk.key());
      assertThat(viaDesk.status()).as(code).isIn(404, 414);
      if (code.equals("%2E%2E")) {
        continue; // a dot segment is resolved before routing: the admin's own office page
      }
      Http.Response viaAdmin = http.get(path(code), app.adminKey());
      assertThat(viaAdmin.status()).as(code).isIn(404, 414);
      Http.Response put = http.send(HttpMethod.PUT, path(code), app.adminKey(),
          new JsonObject().put("name", "x").toBuffer(), Map.of("Content-Type", "application/json"));
      assertThat(put.status()).as("PUT " + code).isBetween(400, 422);
      Http.Response delete = http.send(HttpMethod.DELETE, path(code), app.adminKey(), null, Map.of());
      assertThat(delete.status()).as("DELETE " + code).isIn(404, 414);
      Http.Response office = http.get("/api/v1/admin/offices/" + code + "/procedures", app.adminKey());
      assertThat(office.status()).as("office " + code).isIn(404, 414);
    }
    assertThat(db.count("SELECT count(*) FROM procedures WHERE office_code = $1", desk.office())).isZero();
  }

  /** Spellings of the admin's paths that a router might match but the ADMIN check might not. */
  @Test
  void noSpellingOfAnAdminPathLetsADeskKeyIn() {
    String office = desk.office();
    List<String> paths = List.of("/api/v1/admin/offices/" + office + "/procedures",
        "/api/v1/adminoffices/" + office + "/procedures", "/api/v1/admin", "/api/v1/admin/",
        "/api//v1/admin/offices/" + office + "/procedures", "/api/v1//admin/offices/" + office + "/procedures",
        "/api/v1/x/../admin/offices/" + office + "/procedures", "/api/v1/ADMIN/offices/" + office + "/procedures",
        "/api/v1/admin%2Foffices%2F" + office + "%2Fprocedures", "/api/v1/admin/offices",
        "/api/v1/procedures/../admin/offices/" + office + "/procedures");
    for (String path : paths) {
      for (String key : new String[] {desk.key(), null}) {
        Http.Response r = http.get(path, key);
        assertThat(r.status()).as(path + (key == null ? " without a key" : " with a desk key"))
            .isIn(401, 403, 404);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private Http.Response importCsv(String csv) {
    return http.send(HttpMethod.POST, importPath(), app.adminKey(), Buffer.buffer(csv),
        Map.of("Content-Type", "text/csv; charset=utf-8"));
  }

  private String importPath() {
    return "/api/v1/admin/offices/" + desk.office() + "/procedures/import";
  }

  private String path(String code) {
    return "/api/v1/admin/offices/" + desk.office() + "/procedures/" + code;
  }

  private static Map<Integer, JsonObject> rows(Http.Response response) {
    return response.json().getJsonArray("rows", new JsonArray()).stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(r -> r.getInteger("row"), r -> r));
  }
}

package vn.dossierpost.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.TestApp;

/** Bulk import of DELIVERY legs from CSV: row by row, errors by row and column, idempotent. */
class OrderImportTest {

  private static final String HEADER = "dossierCode,procedureCode,citizenName,citizenPhone,addressLine,"
      + "communeCode,provinceCode,contents,feeToCollect,notifySms";

  private final TestApp app = TestApp.shared();
  private final Db db = new Db(app.services().pool());
  private final Desk desk = new Desk(app, app.newOffice());

  /** 500 rows; every 25th is wrong in one of five ways. */
  private List<String> rows() {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String code = desk.office() + "-251124-" + String.format("%04d", i + 1);
      String phone = "0912" + String.format("%06d", i);
      String name = "\"Nguyễn Văn An, " + (char) ('A' + i % 26) + "\"";
      String province = "01";
      String fee = "50.000";
      if (i % 25 == 7) {
        switch ((i / 25) % 5) {
          case 0 -> phone = "12345";
          case 1 -> code = "HS-" + i;
          case 2 -> name = "";
          case 3 -> province = "99";
          default -> fee = "-5";
        }
      }
      rows.add(String.join(",", code, "1.001234", name.replace(", " + (char) ('A' + i % 26), " " + (char) ('A' + i % 26)),
          phone, "\"12 Tràng Tiền, phường Hoàn Kiếm\"", "00070", province,
          "\"Giấy chứng nhận \"\"quyền sử dụng đất\"\"\"", fee, "có"));
    }
    return rows;
  }

  private JsonObject upload(List<String> rows, int firstRow) {
    String csv = HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    Http.Response r = app.http().send(HttpMethod.POST, "/api/v1/orders/import?firstRow=" + firstRow, desk.key(),
        Buffer.buffer(csv), Map.of("Content-Type", "text/csv; charset=utf-8"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  /** As the desk page sends a file: chunks of 100 rows, each with the header. */
  private int[] importInChunks(List<String> rows) {
    int[] totals = new int[3];
    for (int from = 0; from < rows.size(); from += 100) {
      JsonObject answer = upload(rows.subList(from, Math.min(rows.size(), from + 100)), from + 2);
      totals[0] += answer.getInteger("created");
      totals[1] += answer.getInteger("existing");
      totals[2] += answer.getInteger("failed");
    }
    return totals;
  }

  @Test
  void fiveHundredRowsWithTwentyBadOnesImport480AndReportTheTwentyAndASecondUploadCreatesNothing() {
    List<String> rows = rows();

    int[] first = importInChunks(rows);
    int[] second = importInChunks(rows);

    assertThat(first).containsExactly(480, 0, 20);
    assertThat(second).containsExactly(0, 480, 20);
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", desk.office())).isEqualTo(480);
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1 AND leg = 'DELIVERY' "
        + "AND contents = 'Giấy chứng nhận \"quyền sử dụng đất\"' AND fee_to_collect = 50000", desk.office()))
        .isEqualTo(480);
  }

  @Test
  void eachBadRowIsNamedByItsFileRowAndColumnWithAVietnameseReason() {
    List<String> rows = rows().subList(0, 100);

    JsonObject answer = upload(rows, 2);

    List<JsonObject> errors = new ArrayList<>();
    answer.getJsonArray("rows").forEach(r -> {
      if ("error".equals(((JsonObject) r).getString("result"))) {
        errors.add((JsonObject) r);
      }
    });
    assertThat(errors).extracting(r -> r.getInteger("row")).containsExactly(9, 34, 59, 84);
    assertThat(errors.get(0).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("citizenPhone");
    assertThat(errors.get(1).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("dossierCode");
    assertThat(errors.get(2).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("citizenName");
    assertThat(errors.get(3).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("provinceCode");
    assertThat(errors.get(0).getJsonArray("errors").getJsonObject(0).getString("message")).isEqualTo("Phải có ít nhất 9 ký tự.");
    // The bad rows booked nothing; the good ones each booked one order.
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", desk.office())).isEqualTo(96);
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1 AND dossier_code = ANY($2)",
        desk.office(), new String[] {desk.office() + "-251124-0008", desk.office() + "-251124-0058",
            desk.office() + "-251124-0083"})).isZero();
    assertThat(db.count("SELECT count(*) FROM idempotency_keys WHERE scope = $1", desk.office())).isEqualTo(96);
  }

  @Test
  void aFileWithoutTheNeededColumnsIsRefusedWholeAndNothingIsBooked() {
    Http.Response r = app.http().send(HttpMethod.POST, "/api/v1/orders/import", desk.key(),
        Buffer.buffer("dossierCode,shoeSize\r\nx,42\r\n"), Map.of("Content-Type", "text/csv"));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.text()).contains("shoeSize").contains("Thiếu cột citizenName");
    assertThat(db.footprint(desk.office())).isZero();
  }

  @Test
  void onlyADeskKeyMayImport() {
    Http.Response r = app.http().send(HttpMethod.POST, "/api/v1/orders/import", app.courierKey("100000"),
        Buffer.buffer(HEADER + "\r\n"), Map.of("Content-Type", "text/csv"));

    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void aRowWhoseCommuneLiesInAnotherProvinceIsRefusedOnItsCommuneColumn() {
    String row = String.join(",", desk.office() + "-251124-9001", "1.001234", "Trần Thị Bình",
        "0912000001", "12 Tràng Tiền", "00070", "79", "Giấy phép", "0", "có");
    String good = String.join(",", desk.office() + "-251124-9002", "1.001234", "Trần Thị Bình",
        "0912000002", "7 Nguyễn Huệ", "26740", "79", "Giấy phép", "0", "có");

    JsonObject answer = upload(List.of(row, good), 2);

    JsonObject refused = answer.getJsonArray("rows").getJsonObject(0);
    assertThat(refused.getString("result")).isEqualTo("error");
    assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("communeCode");
    assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("Phường Hoàn Kiếm", "Thành phố Hà Nội", "Thành phố Hồ Chí Minh");
    assertThat(answer.getJsonArray("rows").getJsonObject(1).getString("result")).isEqualTo("created");
  }
}

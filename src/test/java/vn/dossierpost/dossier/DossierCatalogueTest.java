package vn.dossierpost.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Dossiers;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Http;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/**
 * A dossier against its office's procedure catalogue: the mode the procedure allows, the
 * appointment date counted in working days from its processing time, and the flag of a
 * dossier whose result is not with the citizen by that date.
 */
class DossierCatalogueTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
  private static final WorkingCalendar CALENDAR = WorkingCalendar.load(Optional.empty());

  private final TestApp app = TestApp.shared();
  private final TestApp.OfficeKeys keys = app.newOffice();
  private final Dossiers desk = new Dossiers(app, keys);
  private final Desk orders = new Desk(app, keys);
  private final Courier courier = new Courier(app, "650000");
  private final Db db = new Db(app.services().pool());

  @Test
  void aModeTheProcedureDoesNotAllowIs422OnModeAndStoresNothing() {
    catalogue("1.000111", false, true, 5);
    JsonObject body = Dossiers.sample(Samples.dossierCode(keys.office()), "BOTH")
        .put("procedureCode", "1.000111");

    Http.Response refused = desk.creates(body, UUID.randomUUID().toString());

    assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
    JsonObject error = refused.json().getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("field")).isEqualTo("mode");
    assertThat(error.getString("code")).isEqualTo("not_allowed_by_procedure");
    assertThat(error.getString("message")).contains("Cấp phiếu lý lịch tư pháp", "nộp hồ sơ");
    assertThat(db.count("SELECT count(*) FROM dossiers WHERE office_code = $1", keys.office())).isZero();
    assertThat(db.count("SELECT count(*) FROM orders WHERE office_code = $1", keys.office())).isZero();

    Http.Response allowed = desk.creates(Dossiers.sample(Samples.dossierCode(keys.office()),
        "RESULT_BY_POST").put("procedureCode", "1.000111"), UUID.randomUUID().toString());
    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
  }

  @Test
  void theAppointmentIsTheProceduresWorkingDaysAfterTheDayTheDeskReceivesTheDossier() {
    catalogue("1.000222", true, true, 7);
    JsonObject created = create("1.000222", "BOTH");
    String id = created.getString("id");
    String pickupId = Dossiers.leg(created, "PICKUP").getString("id");
    Eventually.within(WAIT, () -> assertThat(orders.order(pickupId).json().getString("itemCode")).isNotNull());
    String item = orders.order(pickupId).json().getString("itemCode");
    assertThat(courier.scans(Courier.pickup(item, 50_000)).status()).isEqualTo(200);

    Http.Response received = desk.step(id, "receive", receiptWithoutDate());

    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    String expected = CALENDAR.addWorkingDays(TODAY, 7).toString();
    assertThat(received.json().getString("appointmentDate")).isEqualTo(expected);
    assertThat(desk.dossier(id).json().getString("appointmentDate")).isEqualTo(expected);
  }

  @Test
  void aLegReceivedOnItsOwnGivesItsDossierTheCataloguesAppointmentToo() {
    catalogue("1.000333", true, true, 2);
    JsonObject created = create("1.000333", "SUBMIT_BY_POST");
    String pickupId = Dossiers.leg(created, "PICKUP").getString("id");
    Eventually.within(WAIT, () -> assertThat(orders.order(pickupId).json().getString("itemCode")).isNotNull());
    assertThat(courier.scans(Courier.pickup(orders.order(pickupId).json().getString("itemCode"), 50_000))
        .status()).isEqualTo(200);

    Http.Response received = app.http().post("/api/v1/orders/" + pickupId + "/receive",
        keys.deskKey(), receiptWithoutDate());

    assertThat(received.status()).as(received.toString()).isEqualTo(200);
    JsonObject dossier = desk.dossier(created.getString("id")).json();
    assertThat(dossier.getString("status")).isEqualTo("RECEIVED");
    assertThat(dossier.getString("appointmentDate")).isEqualTo(CALENDAR.addWorkingDays(TODAY, 2).toString());
  }

  @Test
  void aDossierReceivedInPersonGetsItsAppointmentWhenItIsCreated() {
    catalogue("1.000444", true, true, 4);

    JsonObject created = create("1.000444", "RESULT_BY_POST");

    assertThat(created.getString("status")).isEqualTo("RECEIVED");
    assertThat(created.getString("appointmentDate")).isEqualTo(CALENDAR.addWorkingDays(TODAY, 4).toString());
    assertThat(created.getJsonArray("flags")).isEmpty();
  }

  @Test
  void aDossierWhoseResultIsNotWithTheCitizenByItsAppointmentIsFlaggedUntilItIs() {
    JsonObject late = desk.created("RESULT_BY_POST");
    JsonObject onTime = desk.created("RESULT_BY_POST");
    JsonObject closedLate = desk.created("RESULT_BY_POST");
    // The appointments as if the dossiers had been received weeks ago.
    db.exec("UPDATE dossiers SET appointment_date = $2 WHERE id = $1::uuid", late.getString("id"),
        TODAY.minusDays(1));
    db.exec("UPDATE dossiers SET appointment_date = $2 WHERE id = $1::uuid", onTime.getString("id"),
        TODAY);
    db.exec("UPDATE dossiers SET appointment_date = $2, status = 'CLOSED' WHERE id = $1::uuid",
        closedLate.getString("id"), TODAY.minusDays(3));

    assertThat(desk.dossier(late.getString("id")).json().getJsonArray("flags")).containsExactly("OVERDUE");
    assertThat(desk.dossier(onTime.getString("id")).json().getJsonArray("flags")).isEmpty();
    assertThat(desk.dossier(closedLate.getString("id")).json().getJsonArray("flags")).isEmpty();
    JsonArray listed = desk.list("flag=OVERDUE").json().getJsonArray("items");
    assertThat(listed.stream().map(d -> ((JsonObject) d).getString("id")).toList())
        .containsExactly(late.getString("id"));
    Http.Response bad = desk.list("flag=LATE");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("flag");
  }

  private JsonObject create(String procedure, String mode) {
    Http.Response response = desk.creates(Dossiers.sample(Samples.dossierCode(keys.office()), mode)
        .put("procedureCode", procedure), UUID.randomUUID().toString());
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  private void catalogue(String code, boolean submission, boolean result, int days) {
    JsonObject body = new JsonObject().put("name", "Cấp phiếu lý lịch tư pháp")
        .put("postalSubmissionAllowed", submission).put("postalReturnAllowed", result)
        .put("fee", 200_000).put("processingDays", days)
        .put("components", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)));
    Http.Response put = app.http().send(HttpMethod.PUT, "/api/v1/admin/offices/" + keys.office()
        + "/procedures/" + code, app.adminKey(), body.toBuffer(), Map.of("Content-Type", "application/json"));
    assertThat(put.status()).as(put.toString()).isIn(200, 201);
  }

  private static JsonObject receiptWithoutDate() {
    return new JsonObject().put("checklist", new JsonArray()
            .add(new JsonObject().put("name", "Tờ khai đăng ký hộ kinh doanh").put("kind", "ORIGINAL").put("count", 1))
            .add(new JsonObject().put("name", "Bản sao CCCD").put("kind", "COPY").put("count", 2)))
        .put("sealIntact", true)
        .put("feeHandedOver", new JsonObject().put("amount", 50_000).put("receiptNumber", "BL-0099"));
  }
}

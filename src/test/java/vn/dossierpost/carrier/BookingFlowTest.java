package vn.dossierpost.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.s10.S10;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.support.CarrierSim;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.Samples;
import vn.dossierpost.support.TestApp;

/** Orders reach the carrier through the outbox, and what the carrier says is recorded. */
class BookingFlowTest {

  private final TestApp app = TestApp.shared();
  private final Desk desk = new Desk(app, app.newOffice());
  private final CarrierSim carrier = new CarrierSim(app);

  @Test
  void aBookedLegGetsAValidItemCodeAndABookingConfirmedEvent() {
    String id = desk.booked("DELIVERY").getString("id");

    JsonObject order = awaitStatus(id, "BOOKED");

    assertThat(S10.isValid(order.getString("itemCode"))).isTrue();
    assertThat(order.getString("itemCodeDisplay")).isEqualTo(S10.grouped(order.getString("itemCode")));
    assertThat(order.getString("bookedAt")).isNotNull();
    JsonArray events = desk.events(id).json().getJsonArray("items");
    assertThat(events).hasSize(1);
    assertThat(events.getJsonObject(0).getString("code")).isEqualTo("BOOKING_CONFIRMED");
    assertThat(carrier.shipment(order.getString("orderNumber")).getString("itemCode"))
        .isEqualTo(order.getString("itemCode"));
  }

  @Test
  void twoRunsOfOneBookingJobRecordTheBookingOnce() {
    String id = desk.booked("DELIVERY").getString("id");
    String itemCode = awaitStatus(id, "BOOKED").getString("itemCode");
    Db db = new Db(app.services().pool());

    // A second run that read the leg as CREATED while the first was still booking it (its lease
    // ran out under load): both reach the carrier, which answers both with the same item code.
    db.exec("UPDATE orders SET status = 'CREATED' WHERE id = $1::uuid", id);
    db.exec("UPDATE outbox SET status = 'PENDING', done_at = NULL, lease_owner = NULL, "
        + "lease_until = NULL, next_attempt_at = now() WHERE order_id = $1::uuid AND kind = $2",
        id, OrderService.BOOK_JOB);
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
        "SELECT count(*) FROM outbox WHERE order_id = $1::uuid AND kind = $2 AND status = 'DONE' AND attempts = 2",
        id, OrderService.BOOK_JOB)).isEqualTo(1));

    assertThat(awaitStatus(id, "BOOKED").getString("itemCode")).isEqualTo(itemCode);
    assertThat(db.count("SELECT count(*) FROM order_events WHERE order_id = $1::uuid", id)).isEqualTo(1);
    assertThat(desk.events(id).json().getJsonArray("items")).hasSize(1);
  }

  @Test
  void aCarrierRefusalEndsTheOrderInBookingFailedWithTheCarriersReason() {
    JsonObject request = Samples.order(Samples.dossierCode(desk.office()), "DELIVERY");
    Samples.unserved(request);
    String id = desk.books(request).json().getString("id");

    JsonObject order = awaitStatus(id, "BOOKING_FAILED");

    assertThat(order.getString("statusReason")).startsWith("UNSERVED_AREA");
    assertThat(order.getString("itemCode")).isNull();
    assertThat(carrier.shipment(order.getString("orderNumber"))).isNull();
  }

  @Test
  void aPickupLegMakesTheCitizenTheSender() {
    JsonObject order = awaitStatus(desk.booked("PICKUP").getString("id"), "BOOKED");

    assertThat(order.getString("orderNumber")).endsWith("-P");
    JsonObject sent = carrier.shipment(order.getString("orderNumber")).getJsonObject("request");
    assertThat(sent.getString("SenderAddress")).isEqualTo("12 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội");
    assertThat(sent.getString("SenderCommune")).isEqualTo("00070");
    assertThat(sent.getString("ReceiverAddress")).contains("Phường Hoàn Kiếm", "Hà Nội");
  }

  @Test
  void cancellingABookedLegCancelsTheShipmentAtTheCarrier() {
    String id = desk.booked("DELIVERY").getString("id");
    JsonObject booked = awaitStatus(id, "BOOKED");

    assertThat(desk.cancels(id).json().getString("status")).isEqualTo("CANCELLED");

    Eventually.within(Duration.ofSeconds(10), () ->
        assertThat(carrier.shipment(booked.getString("orderNumber")).getBoolean("cancelled")).isTrue());
  }

  @Test
  void aLegCancelledWhileItsBookingWasOnTheWayIsCancelledAtTheCarrierToo() {
    carrier.faults(new JsonObject().put("latencyMs", 1500));
    try {
      JsonObject created = desk.booked("DELIVERY");
      // The booking must be under way (its job claimed, the carrier slow to answer) when the desk
      // cancels; a cancel that comes before the job starts simply stops it from booking.
      vn.dossierpost.support.Db db = new vn.dossierpost.support.Db(app.services().pool());
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(db.count(
          "SELECT count(*) FROM outbox WHERE order_id = $1::uuid AND kind = 'carrier.book' AND attempts >= 1",
          created.getString("id"))).isEqualTo(1));
      assertThat(desk.cancels(created.getString("id")).json().getString("status")).isEqualTo("CANCELLED");

      Eventually.within(Duration.ofSeconds(20), () -> {
        JsonObject shipment = carrier.shipment(created.getString("orderNumber"));
        assertThat(shipment).isNotNull();
        assertThat(shipment.getBoolean("cancelled")).isTrue();
      });
      assertThat(desk.order(created.getString("id")).json().getString("status")).isEqualTo("CANCELLED");
    } finally {
      carrier.noFaults();
    }
  }

  @Test
  void withASenderRangeTheServiceAssignsItemCodesItself() {
    try (TestApp own = TestApp.startFresh(Map.of("DP_ITEM_CODE_RANGE", "EB:30000000-30000999"))) {
      Desk deskOfOwn = new Desk(own, own.newOffice());
      String first = deskOfOwn.booked("DELIVERY").getString("id");
      String second = deskOfOwn.booked("PICKUP").getString("id");

      Eventually.within(Duration.ofSeconds(10), () -> {
        assertThat(deskOfOwn.order(first).json().getString("status")).isEqualTo("BOOKED");
        assertThat(deskOfOwn.order(second).json().getString("status")).isEqualTo("BOOKED");
      });
      String a = deskOfOwn.order(first).json().getString("itemCode");
      String b = deskOfOwn.order(second).json().getString("itemCode");
      // The two bookings run side by side (their own ordering keys): either may take the first code.
      assertThat(List.of(a, b)).containsExactlyInAnyOrder(
          S10.of("EB", 30_000_000L, "VN"), S10.of("EB", 30_000_001L, "VN"));
    }
  }

  private JsonObject awaitStatus(String id, String status) {
    Eventually.within(Duration.ofSeconds(15), () ->
        assertThat(desk.order(id).json().getString("status")).isEqualTo(status));
    return desk.order(id).json();
  }
}

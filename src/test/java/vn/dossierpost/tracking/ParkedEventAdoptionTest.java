package vn.dossierpost.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dossierpost.s10.S10;
import vn.dossierpost.support.CarrierPush;
import vn.dossierpost.support.Courier;
import vn.dossierpost.support.Db;
import vn.dossierpost.support.Desk;
import vn.dossierpost.support.Eventually;
import vn.dossierpost.support.TestApp;

/**
 * Events from the carrier's feed for an item no order carries yet are parked, and given to the
 * order booked later with that item code; but such an event was never checked against its order,
 * so it cannot skip a step that needs proof (issue 24: the next, predictable, item code was
 * "delivered" before it was booked).
 */
class ParkedEventAdoptionTest {

  @Test
  void aPickupBookedAfterItsCodeWasReportedDeliveredStaysBookedUntilCollectedAndReceived() {
    try (TestApp own = TestApp.startFresh(Map.of("DP_ITEM_CODE_RANGE", "EB:40000000-40000999"))) {
      Desk desk = new Desk(own, own.newOffice());
      Db db = new Db(own.services().pool());
      CarrierPush carrier = new CarrierPush(own);
      String next = S10.of("EB", 40_000_000L, "VN");
      OffsetDateTime now = OffsetDateTime.now();
      carrier.push(CarrierPush.batch(List.of(CarrierPush.record(next, 6, now.minusMinutes(2)),
          CarrierPush.record(next, 14, now.minusMinutes(1)))));
      assertThat(db.count("SELECT count(*) FROM order_events WHERE item_code = $1 AND order_id IS NULL", next))
          .isEqualTo(2);

      String id = desk.booked("PICKUP").getString("id");
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(desk.order(id).json().getString("itemCode")).isEqualTo(next));
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(db.count("SELECT count(*) FROM order_events WHERE order_id = $1::uuid "
              + "AND 'ADOPTED' = ANY(flags)", id)).isEqualTo(2));

      assertThat(desk.order(id).json().getString("status")).isEqualTo("BOOKED");
      assertThat(desk.events(id).json().getJsonArray("items").stream()
          .filter(e -> ((JsonObject) e).getJsonArray("flags").contains("NEEDS_PROOF"))
          .map(e -> ((JsonObject) e).getString("code")).toList())
          .as("held back, shown to the desk").containsExactly("COLLECTED", "DELIVERED");

      assertThat(new Courier(own, "650000").scans(Courier.pickup(next, 50_000)).status()).isEqualTo(200);
      assertThat(desk.order(id).json().getString("status")).isEqualTo("COLLECTED");
      own.http().post("/api/v1/orders/" + id + "/receive", desk.key(), new JsonObject()
          .put("checklist", Courier.pickup(next, 0).getJsonArray("checklist")).put("sealIntact", true));
      assertThat(desk.order(id).json().getString("status")).isEqualTo("DELIVERED");
    }
  }
}

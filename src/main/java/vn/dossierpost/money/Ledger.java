package vn.dossierpost.money;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An office's fee ledger, one entry per day (Asia/Ho_Chi_Minh): the fees due and collected that
 * day (by postal unit and courier key; the carrier's own postman where its feed reported the
 * collection and no courier scanned it), the money handed over (to the desk, or paid by the
 * carrier as COD, VNPost status 21), and what is outstanding at the day's end, order by order
 * with its age, carried from day to day until it is handed over. The carrier's COD records are
 * compared with what the courier collected; a difference is listed as a mismatch.
 */
public final class Ledger {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private Ledger() {
  }

  /** One order's money as far as the ledger's end. */
  private static final class Held {
    String itemCode;
    String collection;
    /** Null until a collection is known: a courier's scan, else the carrier's own feed. */
    OffsetDateTime collectedAt;
    long collected;
    long due;
    String reason;
    String note;
    String postalUnit;
    String courierKey;
    String courier;
    boolean byCarrier;
    Long handed;
    OffsetDateTime handedAt;
    Long carrierPaid;
    OffsetDateTime carrierPaidAt;

    /** When the money left the courier's hands: the desk's hand-over, else the carrier's payment. */
    OffsetDateTime settledAt() {
      return handed != null ? handedAt : carrierPaidAt;
    }

    long settledAmount() {
      return handed != null ? handed : carrierPaid == null ? 0 : carrierPaid;
    }
  }

  public static Future<JsonObject> of(SqlClient client, String office, LocalDate from, LocalDate to) {
    OffsetDateTime start = from.atStartOfDay(VIETNAM).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(VIETNAM).toOffsetDateTime();
    Map<UUID, Held> orders = new LinkedHashMap<>();
    return client.preparedQuery(MoneySql.MOVEMENTS).execute(Tuple.of(office, end))
        .compose(rows -> {
          for (Row row : rows) {
            Held m = orders.computeIfAbsent(row.getUUID("order_id"), k -> new Held());
            m.itemCode = row.getString("item_code");
            m.collection = row.getString("collection");
            if ("COLLECTED".equals(row.getString("kind"))) {
              m.collectedAt = row.getOffsetDateTime("occurred_at");
              m.collected = row.getLong("amount");
              m.due = row.getLong("due");
              m.reason = row.getString("reason");
              m.note = row.getString("note");
              m.postalUnit = row.getString("postal_unit");
              m.courierKey = row.getUUID("courier_key") == null ? null : row.getUUID("courier_key").toString();
              m.courier = row.getString("courier_name");
            } else {
              m.handed = row.getLong("amount");
              m.handedAt = row.getOffsetDateTime("occurred_at");
            }
          }
          return client.preparedQuery(MoneySql.CARRIER_COLLECTED).execute(Tuple.of(office, end));
        })
        .compose(rows -> {
          for (Row row : rows) {
            Held m = held(orders, row);
            if (m.collectedAt == null) { // a courier's scan of the same collection comes first
              m.collectedAt = row.getOffsetDateTime("occurred_at");
              m.collected = row.getLong("fee_collected");
              m.due = row.getLong("fee_to_collect");
              m.postalUnit = row.getString("location_code");
              m.courier = row.getString("courier");
              m.byCarrier = true;
            }
          }
          return client.preparedQuery(MoneySql.CARRIER_PAID).execute(Tuple.of(office, end));
        })
        .map(rows -> {
          for (Row row : rows) {
            Held m = held(orders, row);
            m.carrierPaid = row.getLong("fee_collected") == null ? 0 : row.getLong("fee_collected");
            m.carrierPaidAt = row.getOffsetDateTime("occurred_at");
          }
          // an order whose money was settled before the range contributes nothing to it
          orders.values().removeIf(m -> m.settledAt() != null && m.settledAt().isBefore(start)
              && (m.collectedAt == null || m.collectedAt.isBefore(start)));
          return ledger(office, from, to, orders);
        });
  }

  /** The order of a row read from the events, named as its order says. */
  private static Held held(Map<UUID, Held> orders, Row row) {
    Held m = orders.computeIfAbsent(row.getUUID("order_id"), k -> new Held());
    if (m.itemCode == null) {
      m.itemCode = row.getString("item_code");
      m.collection = "PICKUP".equals(row.getString("leg")) ? "AT_PICKUP" : "ON_DELIVERY";
    }
    return m;
  }

  private static JsonObject ledger(String office, LocalDate from, LocalDate to, Map<UUID, Held> orders) {
    JsonArray days = new JsonArray();
    long due = 0;
    long collected = 0;
    long handed = 0;
    long outstanding = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      JsonObject entry = day(day, orders);
      due += entry.getLong("due");
      collected += entry.getLong("collected");
      handed += entry.getLong("handedOver");
      outstanding = entry.getLong("outstanding");
      days.add(entry);
    }
    return new JsonObject().put("officeCode", office).put("from", from.toString())
        .put("to", to.toString()).put("currency", "VND")
        .put("totals", new JsonObject().put("due", due).put("collected", collected)
            .put("handedOver", handed).put("outstanding", outstanding))
        .put("days", days);
  }

  private static JsonObject day(LocalDate day, Map<UUID, Held> orders) {
    OffsetDateTime start = day.atStartOfDay(VIETNAM).toOffsetDateTime();
    OffsetDateTime end = day.plusDays(1).atStartOfDay(VIETNAM).toOffsetDateTime();
    long due = 0;
    long collected = 0;
    long byDesk = 0;
    long byCarrier = 0;
    long outstanding = 0;
    Map<String, JsonObject> collectors = new TreeMap<>();
    JsonArray discrepancies = new JsonArray();
    JsonArray open = new JsonArray();
    JsonArray mismatches = new JsonArray();
    for (Map.Entry<UUID, Held> e : orders.entrySet()) {
      Held m = e.getValue();
      boolean known = m.collectedAt != null;
      if (known && within(m.collectedAt, start, end)) {
        due += m.due;
        collected += m.collected;
        JsonObject who = collectors.computeIfAbsent(m.postalUnit + "|" + m.courierKey + "|" + m.byCarrier,
            k -> new JsonObject().put("postalUnit", m.postalUnit).put("courierKey", m.courierKey)
                .put("courier", m.courier).put("source", m.byCarrier ? "CARRIER" : "SCAN")
                .put("orders", 0L).put("collected", 0L));
        who.put("orders", who.getLong("orders") + 1).put("collected", who.getLong("collected") + m.collected);
        if (m.collected != m.due) {
          discrepancies.add(new JsonObject().put("orderId", e.getKey().toString())
              .put("itemCode", m.itemCode).put("due", m.due).put("collected", m.collected)
              .put("reason", m.reason).put("note", m.note).put("postalUnit", m.postalUnit)
              .put("source", m.byCarrier ? "CARRIER" : "SCAN"));
        }
      }
      if (m.handed != null && within(m.handedAt, start, end)) {
        byDesk += m.handed;
      }
      if (m.carrierPaidAt != null && within(m.carrierPaidAt, start, end)) {
        if (m.handed == null) {
          byCarrier += m.carrierPaid;
        }
        if (!known || m.collected != m.carrierPaid) {
          mismatches.add(new JsonObject().put("orderId", e.getKey().toString())
              .put("itemCode", m.itemCode).put("carrierPaid", m.carrierPaid)
              .put("collected", known ? m.collected : null));
        }
      }
      if (known && m.collectedAt.isBefore(end)) {
        OffsetDateTime settled = m.settledAt();
        long owed = settled != null && settled.isBefore(end) ? m.collected - m.settledAmount() : m.collected;
        if (owed != 0) {
          outstanding += owed;
          open.add(new JsonObject().put("orderId", e.getKey().toString()).put("itemCode", m.itemCode)
              .put("feeCollection", m.collection).put("amount", owed)
              .put("collectedAt", m.collectedAt.toString())
              .put("ageDays", ChronoUnit.DAYS.between(m.collectedAt.atZoneSameInstant(VIETNAM).toLocalDate(), day))
              .put("postalUnit", m.postalUnit).put("courierKey", m.courierKey).put("courier", m.courier));
        }
      }
    }
    return new JsonObject().put("date", day.toString()).put("due", due).put("collected", collected)
        .put("collectedBy", new JsonArray(collectors.values().stream().toList()))
        .put("handedOver", byDesk + byCarrier)
        .put("handedOverBy", new JsonObject().put("desk", byDesk).put("carrier", byCarrier))
        .put("outstanding", outstanding).put("outstandingOrders", open)
        .put("discrepancies", discrepancies).put("carrierMismatches", mismatches);
  }

  private static boolean within(OffsetDateTime at, OffsetDateTime start, OffsetDateTime end) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}

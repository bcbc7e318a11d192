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
 * day (by postal unit and courier key), the money handed over (to the desk, or paid by the
 * carrier as COD, VNPost status 21), and what is outstanding at the day's end, order by order
 * with its age, carried from day to day until it is handed over. The carrier's COD records are
 * compared with what the courier collected; a difference is listed as a mismatch.
 */
public final class Ledger {

  public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  private Ledger() {
  }

  /** One order's money as far as the ledger's end. */
  private static final class Held {
    String itemCode;
    String collection;
    Row collected;
    Row handed;
    Long carrierPaid;
    OffsetDateTime carrierPaidAt;

    /** When the money left the courier's hands: the desk's hand-over, else the carrier's payment. */
    OffsetDateTime settledAt() {
      return handed != null ? handed.getOffsetDateTime("occurred_at") : carrierPaidAt;
    }

    long settledAmount() {
      return handed != null ? handed.getLong("amount") : carrierPaid == null ? 0 : carrierPaid;
    }
  }

  public static Future<JsonObject> of(SqlClient client, String office, LocalDate from, LocalDate to) {
    OffsetDateTime start = from.atStartOfDay(VIETNAM).toOffsetDateTime();
    OffsetDateTime end = to.plusDays(1).atStartOfDay(VIETNAM).toOffsetDateTime();
    Map<UUID, Held> orders = new LinkedHashMap<>();
    return client.preparedQuery(MoneySql.MOVEMENTS).execute(Tuple.of(office, start, end))
        .compose(rows -> {
          for (Row row : rows) {
            Held m = orders.computeIfAbsent(row.getUUID("order_id"), k -> new Held());
            m.itemCode = row.getString("item_code");
            m.collection = row.getString("collection");
            if ("COLLECTED".equals(row.getString("kind"))) {
              m.collected = row;
            } else {
              m.handed = row;
            }
          }
          return client.preparedQuery(MoneySql.CARRIER_PAID).execute(Tuple.of(office, end));
        })
        .map(rows -> {
          for (Row row : rows) {
            Held m = orders.computeIfAbsent(row.getUUID("order_id"), k -> new Held());
            if (m.itemCode == null) {
              m.itemCode = row.getString("item_code");
              m.collection = "PICKUP".equals(row.getString("leg")) ? "AT_PICKUP" : "ON_DELIVERY";
            }
            m.carrierPaid = row.getLong("fee_collected") == null ? 0 : row.getLong("fee_collected");
            m.carrierPaidAt = row.getOffsetDateTime("occurred_at");
          }
          return ledger(office, from, to, orders);
        });
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
      Row c = m.collected;
      OffsetDateTime at = c == null ? null : c.getOffsetDateTime("occurred_at");
      if (c != null && within(at, start, end)) {
        long amount = c.getLong("amount");
        due += c.getLong("due");
        collected += amount;
        String unit = c.getString("postal_unit");
        UUID key = c.getUUID("courier_key");
        JsonObject who = collectors.computeIfAbsent(unit + "|" + key, k -> new JsonObject()
            .put("postalUnit", unit).put("courierKey", key == null ? null : key.toString())
            .put("courier", c.getString("courier_name")).put("orders", 0L).put("collected", 0L));
        who.put("orders", who.getLong("orders") + 1).put("collected", who.getLong("collected") + amount);
        if (amount != c.getLong("due")) {
          discrepancies.add(new JsonObject().put("orderId", e.getKey().toString())
              .put("itemCode", m.itemCode).put("due", c.getLong("due")).put("collected", amount)
              .put("reason", c.getString("reason")).put("note", c.getString("note"))
              .put("postalUnit", unit));
        }
      }
      if (m.handed != null && within(m.handed.getOffsetDateTime("occurred_at"), start, end)) {
        byDesk += m.handed.getLong("amount");
      }
      if (m.carrierPaidAt != null && within(m.carrierPaidAt, start, end)) {
        if (m.handed == null) {
          byCarrier += m.carrierPaid;
        }
        long got = c == null ? 0 : c.getLong("amount");
        if (c == null || got != m.carrierPaid) {
          mismatches.add(new JsonObject().put("orderId", e.getKey().toString())
              .put("itemCode", m.itemCode).put("carrierPaid", m.carrierPaid)
              .put("collected", c == null ? null : got));
        }
      }
      if (c != null && at.isBefore(end)) {
        OffsetDateTime settled = m.settledAt();
        long owed = settled != null && settled.isBefore(end) ? c.getLong("amount") - m.settledAmount()
            : c.getLong("amount");
        if (owed != 0) {
          outstanding += owed;
          open.add(new JsonObject().put("orderId", e.getKey().toString()).put("itemCode", m.itemCode)
              .put("feeCollection", m.collection).put("amount", owed)
              .put("collectedAt", at.toString())
              .put("ageDays", ChronoUnit.DAYS.between(at.atZoneSameInstant(VIETNAM).toLocalDate(), day))
              .put("postalUnit", c.getString("postal_unit"))
              .put("courierKey", c.getUUID("courier_key") == null ? null : c.getUUID("courier_key").toString())
              .put("courier", c.getString("courier_name")));
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

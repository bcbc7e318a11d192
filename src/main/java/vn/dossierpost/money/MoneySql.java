package vn.dossierpost.money;

import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventStore;

/** The only SQL on {@code money_movements}; the carrier's COD records are read from the events. */
final class MoneySql {

  private MoneySql() {
  }

  /** A movement, once per order and kind: a repeat (re-upload, second receipt) changes nothing. */
  static final String RECORD = """
      INSERT INTO money_movements (order_id, office_code, item_code, kind, collection, amount, due,
        reason, note, receipt_number, postal_unit, courier_key, courier_name, occurred_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      ON CONFLICT (order_id, kind) DO NOTHING
      """;

  /**
   * The office's movements up to the range's end (the ledger leaves out, in memory, the orders
   * settled before the range began: a collection the carrier's feed reported needs its
   * hand-over to be known).
   */
  static final String MOVEMENTS = """
      SELECT m.* FROM money_movements m
      WHERE m.office_code = $1 AND m.occurred_at < $2
      ORDER BY m.occurred_at, m.id
      """;

  /**
   * The carrier's own collections in its feed (its postman took the fee: a PICKUP's collection,
   * a DELIVERY's delivery, with {@code CODCollected}), first of each order, up to the end. They
   * count where no courier scan recorded the collection.
   */
  static final String CARRIER_COLLECTED = """
      SELECT DISTINCT ON (e.order_id) e.order_id, o.item_code, o.leg, o.fee_to_collect,
        e.fee_collected, e.occurred_at, e.location_code, e.courier, e.receipt_number
      FROM (%s) e JOIN (%s) o ON o.id = e.order_id
      WHERE o.office_code = $1 AND e.source IN ('WEBHOOK', 'POLL', 'SIMULATOR')
        AND e.fee_collected IS NOT NULL AND e.occurred_at < $2
        AND (o.leg = 'PICKUP' AND e.code = 'COLLECTED' OR o.leg = 'DELIVERY' AND e.code = 'DELIVERED')
      ORDER BY e.order_id, e.occurred_at
      """.formatted(EventStore.ROWS, Orders.ROWS);

  /** The carrier's "COD paid" records (VNPost status 21) of the office's orders up to the end. */
  static final String CARRIER_PAID = """
      SELECT DISTINCT ON (e.order_id) e.order_id, o.item_code, o.leg, e.fee_collected, e.occurred_at
      FROM (%s) e JOIN (%s) o ON o.id = e.order_id
      WHERE o.office_code = $1 AND e.raw_code = '21' AND e.source IN ('WEBHOOK', 'POLL', 'SIMULATOR')
        AND e.occurred_at < $2
      ORDER BY e.order_id, e.occurred_at
      """.formatted(EventStore.ROWS, Orders.ROWS);
}

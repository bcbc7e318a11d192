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
   * The office's movements up to the range's end, of orders whose money was not handed over
   * before the range began (those contribute nothing to it).
   */
  static final String MOVEMENTS = """
      SELECT m.* FROM money_movements m
      WHERE m.office_code = $1 AND m.occurred_at < $3
        AND NOT EXISTS (SELECT 1 FROM money_movements h WHERE h.order_id = m.order_id
                          AND h.kind = 'HANDED_OVER' AND h.occurred_at < $2)
      ORDER BY m.occurred_at, m.id
      """;

  /** The carrier's "COD paid" records (VNPost status 21) of the office's orders up to the end. */
  static final String CARRIER_PAID = """
      SELECT DISTINCT ON (e.order_id) e.order_id, o.item_code, o.leg, e.fee_collected, e.occurred_at
      FROM (%s) e JOIN (%s) o ON o.id = e.order_id
      WHERE o.office_code = $1 AND e.raw_code = '21' AND e.source IN ('WEBHOOK', 'POLL', 'SIMULATOR')
        AND e.occurred_at < $2
      ORDER BY e.order_id, e.occurred_at
      """.formatted(EventStore.ROWS, Orders.ROWS);
}

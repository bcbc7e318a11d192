package vn.dossierpost.courier;

import vn.dossierpost.access.Offices;
import vn.dossierpost.access.Policy;
import vn.dossierpost.order.Orders;

/** The statements of post → desk handovers; the tables are this package's (V25). */
final class HandoverSql {

  private HandoverSql() {
  }

  /** $1 office, $2 postal unit: a row when the unit serves the office. */
  static final String SERVES = """
      SELECT 1 FROM (%s) f WHERE f.code = $1 AND f.policy -> '%s' ? $2
      """.formatted(Offices.ROWS, Policy.SERVING_POSTAL_UNITS);

  /** $1 item codes, $2 postal unit: the orders carrying them, only those in the unit's scope. */
  static final String ITEMS_IN_SCOPE = """
      SELECT o.* FROM (%s) o
      WHERE o.item_code = ANY($1)
        AND EXISTS (SELECT 1 FROM (%s) f
                    WHERE f.code = o.office_code AND f.policy -> '%s' ? $2)
      """.formatted(Orders.ROWS, Offices.ROWS, Policy.SERVING_POSTAL_UNITS);

  /**
   * $1 office: its PICKUP legs the post holds (collected, not yet received by the desk) that are
   * on no record the desk has yet to receive.
   */
  static final String HELD_OF_OFFICE = """
      SELECT o.* FROM (%s) o
      WHERE o.office_code = $1 AND o.leg = 'PICKUP'
        AND o.status IN ('COLLECTED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED',
                         'AWAITING_PICKUP')
        AND o.item_code IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM handover_items i JOIN handovers h ON h.id = i.handover_id
                        WHERE i.order_id = o.id AND h.received_at IS NULL)
      ORDER BY o.item_code
      """.formatted(Orders.ROWS);

  /** $1 order ids: those already on a handover the desk has not received yet, with its code. */
  static final String OPEN = """
      SELECT i.order_id, h.code FROM handover_items i JOIN handovers h ON h.id = i.handover_id
      WHERE i.order_id = ANY($1) AND h.received_at IS NULL
      """;

  static final String BY_KEY = """
      SELECT id, code, office_code, request_hash FROM handovers
      WHERE postal_unit = $1 AND idempotency_key = $2
      """;

  static final String INSERT = """
      INSERT INTO handovers (id, code, office_code, postal_unit, courier_key, courier_name,
                             idempotency_key, request_hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (postal_unit, idempotency_key) DO NOTHING
      """;

  static final String INSERT_ITEM = """
      INSERT INTO handover_items (handover_id, order_id, position, expected, seal_number, fee_collected)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;

  /** $1 code, $2 office (the desk's) or null, $3 postal unit (the courier's) or null. */
  static final String FIND = """
      SELECT id, code, office_code, postal_unit, courier_name, created_at, received_at
      FROM handovers
      WHERE code = $1 AND ($2::text IS NULL OR office_code = $2)
        AND ($3::text IS NULL OR postal_unit = $3)
      """;

  static final String LOCK = "SELECT received_at FROM handovers WHERE id = $1 FOR UPDATE";

  static final String ITEMS = """
      SELECT i.order_id, i.expected, i.seal_number, i.fee_collected, i.received,
             o.item_code, o.dossier_code, o.procedure_code, o.contents, o.status, o.leg, o.flags
      FROM handover_items i JOIN (%s) o ON o.id = i.order_id
      WHERE i.handover_id = $1 ORDER BY i.position
      """.formatted(Orders.ROWS);

  static final String RECEIVED_ITEM =
      "UPDATE handover_items SET received = $3 WHERE handover_id = $1 AND order_id = $2";

  static final String RECEIVED = "UPDATE handovers SET received_at = $2, received_by = $3 WHERE id = $1";
}

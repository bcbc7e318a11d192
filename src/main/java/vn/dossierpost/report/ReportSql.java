package vn.dossierpost.report;

import vn.dossierpost.access.Offices;
import vn.dossierpost.order.Orders;
import vn.dossierpost.tracking.EventStore;

/**
 * The statements that join orders with their events or their office, over the relations their
 * owners publish (PostgreSQL pulls the derived tables up: the plans are those of the joins of
 * the tables themselves). Statements on orders alone are the order repository's.
 */
final class ReportSql {

  private ReportSql() {
  }

  /** The office's events of the day by code: how many orders had one, and how many there were. */
  static final String EVENTS = """
      SELECT e.code, count(DISTINCT e.order_id) AS orders, count(*) AS events
      FROM (%s) e JOIN (%s) o ON o.id = e.order_id
      WHERE o.office_code = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3 AND e.code IS NOT NULL
      GROUP BY e.code
      """.formatted(EventStore.ROWS, Orders.ROWS);

  /**
   * A page of open orders (columns as {@code Order.from} reads them) with their office's province
   * and policy, and the failed delivery attempts of those whose flags depend on them. A leg
   * waiting for its dossier's result is the desk's, not the post's: no target runs yet.
   */
  static final String OPEN = """
      SELECT o.*, f.province_code AS office_province, f.policy AS office_policy,
        CASE WHEN o.status IN ('OUT_FOR_DELIVERY', 'DELIVERY_FAILED')
             THEN (SELECT count(*) FROM (%s) e WHERE e.order_id = o.id AND e.code = 'DELIVERY_FAILED')
             ELSE 0 END AS failed_attempts
      FROM (%s) o JOIN (%s) f ON f.code = o.office_code
      WHERE o.status NOT IN ('AWAITING_RESULT', 'CREATED', 'DELIVERED', 'RETURNED', 'CANCELLED', 'LOST', 'BOOKING_FAILED')
        AND o.id > $1
      ORDER BY o.id LIMIT $2
      """.formatted(EventStore.ROWS, Orders.ROWS, Offices.ROWS);
}

package vn.dossierpost.courier;

import vn.dossierpost.access.Offices;
import vn.dossierpost.access.Policy;
import vn.dossierpost.order.Orders;

/**
 * A courier's scope, in SQL: a courier key belongs to one postal unit, and an order is in its
 * scope when the order's office lists that unit among those serving it ({@link Policy}).
 */
final class CourierSql {

  private CourierSql() {
  }

  /** $1 the item code, $2 the courier's postal unit: the order, only when in scope. */
  static final String ITEM_IN_SCOPE = """
      SELECT o.* FROM (%s) o
      WHERE o.item_code = $1
        AND EXISTS (SELECT 1 FROM (%s) f
                    WHERE f.code = o.office_code AND f.policy -> '%s' ? $2)
      """.formatted(Orders.ROWS, Offices.ROWS, Policy.SERVING_POSTAL_UNITS);
}

package vn.dossierpost.carrier;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.Orders;
import vn.dossierpost.s10.S10;

/**
 * Item codes assigned by the sender, for carriers that want them (a range agreed with the
 * carrier, {@code DP_ITEM_CODE_RANGE=EB:20000000-20999999}); otherwise the carrier assigns them.
 * A code is stored on the order before the carrier is called, so a retried booking sends the
 * same one, and the range's counter only moves forward: no code is ever given twice.
 */
public final class ItemCodes {

  private static final String TAKE = """
      UPDATE item_code_ranges SET next_serial = next_serial + 1
      WHERE indicator = $1 AND next_serial <= last_serial
      RETURNING next_serial - 1 AS serial
      """;
  private static final String ENSURE = """
      INSERT INTO item_code_ranges (indicator, next_serial, last_serial) VALUES ($1, $2, $3)
      ON CONFLICT (indicator) DO UPDATE SET last_serial = excluded.last_serial,
        next_serial = greatest(item_code_ranges.next_serial, excluded.next_serial)
      """;

  private final Pool pool;
  private final Optional<S10.Range> range;

  private ItemCodes(Pool pool, Optional<S10.Range> range) {
    this.pool = pool;
    this.range = range;
  }

  public static ItemCodes carrierAssigned() {
    return new ItemCodes(null, Optional.empty());
  }

  public static Future<ItemCodes> senderAssigned(Pool pool, S10.Range range) {
    return pool.preparedQuery(ENSURE)
        .execute(Tuple.of(range.indicator(), range.first(), range.last()))
        .map(v -> new ItemCodes(pool, Optional.of(range)));
  }

  /** The order with its item code: unchanged when the carrier assigns codes or it has one. */
  Future<Order> assign(Order order) {
    if (range.isEmpty() || order.itemCode() != null) {
      return Future.succeededFuture(order);
    }
    S10.Range r = range.get();
    return pool.withTransaction(tx -> tx.preparedQuery(TAKE).execute(Tuple.of(r.indicator()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new CarrierUnavailable(
                "sender item-code range " + r.indicator() + " is exhausted"));
          }
          String code = S10.of(r.indicator(), rows.iterator().next().getLong("serial"), r.country());
          return Orders.assignItemCode(tx, order.id(), code).map(assigned -> assigned.orElse(order));
        }));
  }
}

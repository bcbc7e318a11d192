package vn.dossierpost.money;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import vn.dossierpost.order.Order;

/**
 * Records the money that changes hands for an order, in the caller's transaction (the scan's or
 * the receipt's): what the courier collected, and its hand-over to the office. Each is recorded
 * once per order; a repeat answers false and changes nothing.
 */
public final class Money {

  private Money() {
  }

  /** Who collected: the courier key's postal unit and id, and the name the courier gave. */
  public record Collector(String postalUnit, UUID keyId, String name) {
  }

  /**
   * The fee the courier collected for {@code order}; {@code reason} (and {@code note}) explain an
   * amount other than the fee due, which the scan's validation already required.
   */
  public static Future<Boolean> collected(SqlClient tx, Order order, long amount, String receiptNumber,
      String reason, String note, Collector by, OffsetDateTime at) {
    return record(tx, Tuple.from(new Object[] {order.id(), order.officeCode(), order.itemCode(),
        "COLLECTED", order.leg().feeCollection(), amount, order.feeToCollect(),
        amount == order.feeToCollect() ? null : reason, note, receiptNumber, by.postalUnit(),
        by.keyId(), by.name(), at}));
  }

  /** The collected money handed over to the desk of {@code order}'s office. */
  public static Future<Boolean> handedOver(SqlClient tx, Order order, long amount, String receiptNumber,
      String note, OffsetDateTime at) {
    return record(tx, Tuple.from(new Object[] {order.id(), order.officeCode(), order.itemCode(),
        "HANDED_OVER", order.leg().feeCollection(), amount, order.feeToCollect(), null, note,
        receiptNumber, null, null, null, at}));
  }

  private static Future<Boolean> record(SqlClient tx, Tuple row) {
    return tx.preparedQuery(MoneySql.RECORD).execute(row).map(rows -> rows.rowCount() == 1);
  }
}

package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.http.Problems;

/**
 * The order repository: the one way other features read and write {@code orders}. Every
 * statement is in {@link OrderSql}; every row becomes an {@link Order} through
 * {@link Order#from}. Methods take the caller's client or transaction.
 */
public final class Orders {

  private Orders() {
  }

  /** The order, or empty when it does not exist. */
  public static Future<Optional<Order>> find(SqlClient client, UUID id) {
    return client.preparedQuery(OrderSql.FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Order.from(rows.iterator().next())));
  }

  /** The order locked in {@code tx} until it ends, or empty when it does not exist. */
  public static Future<Optional<Order>> lock(SqlClient tx, UUID id) {
    return tx.preparedQuery(OrderSql.LOCK).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Order.from(rows.iterator().next())));
  }

  /**
   * The office's order, locked in {@code tx} until it ends; not found (404) when it is another
   * office's or does not exist.
   */
  public static Future<Order> lockForOffice(SqlClient tx, String office, UUID id) {
    return tx.preparedQuery(OrderSql.LOCK_FOR_OFFICE).execute(Tuple.of(id, office))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problems.notFound())
            : Future.succeededFuture(Order.from(rows.iterator().next())));
  }

  // for carrier, label and the tracking core
  /** An order as locked for ingest, with the latest time among its events so far (null: none). */
  public record Locked(Order order, OffsetDateTime historyEnd) {
  }

  /**
   * One order's new state after a fold: {@code moved} when its status changed (its callback
   * sequence moves on); null times leave the stored ones as they are.
   */
  public record StatusUpdate(UUID id, OrderStatus status, String reason, OffsetDateTime lastEventAt,
      OffsetDateTime deliveredAt, boolean moved, OffsetDateTime historyEnd) {
  }

  /** The office's orders among {@code ids}, locked in {@code tx}; those not found are left out. */
  public static Future<List<Order>> lockManyForOffice(SqlClient tx, String office, List<UUID> ids) {
    return tx.preparedQuery(OrderSql.LOCK_MANY_FOR_OFFICE)
        .execute(Tuple.tuple().addString(office).addArrayOfUUID(ids.toArray(new UUID[0])))
        .map(Orders::all);
  }

  /** The orders among {@code ids}, locked in id order; those not found are left out. */
  public static Future<List<Order>> lockMany(SqlClient tx, UUID[] ids) {
    return tx.preparedQuery(OrderSql.LOCK_MANY).execute(Tuple.tuple().addArrayOfUUID(ids))
        .map(Orders::all);
  }

  /** The orders that carry one of {@code itemCodes} or have one of {@code ids}, locked in id order. */
  public static Future<List<Locked>> lockForIngest(SqlClient tx, String[] itemCodes, UUID[] ids) {
    return tx.preparedQuery(OrderSql.LOCK_FOR_INGEST)
        .execute(Tuple.tuple().addArrayOfString(itemCodes).addArrayOfUUID(ids))
        .map(rows -> {
          List<Locked> locked = new ArrayList<>(rows.size());
          for (Row row : rows) {
            locked.add(new Locked(Order.from(row), row.getOffsetDateTime("history_end")));
          }
          return locked;
        });
  }

  /** Stores the folds of orders locked in {@code tx}, all in one statement. */
  public static Future<Void> applyStatuses(SqlClient tx, List<StatusUpdate> updates) {
    return tx.preparedQuery(OrderSql.APPLY_STATUSES).execute(Unnest.of(updates)
            .uuids(StatusUpdate::id).strings(u -> u.status().name()).strings(StatusUpdate::reason)
            .times(StatusUpdate::lastEventAt).times(StatusUpdate::deliveredAt)
            .integers(u -> u.moved() ? 1 : 0).times(StatusUpdate::historyEnd).tuple())
        .mapEmpty();
  }

  /** The order with a sender-assigned item code, or empty when it already had one. */
  public static Future<Optional<Order>> assignItemCode(SqlClient tx, UUID id, String itemCode) {
    return tx.preparedQuery(OrderSql.ASSIGN_ITEM_CODE).execute(Tuple.of(id, itemCode))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Order.from(rows.iterator().next())));
  }

  /** Records the carrier's booking; false when the order already has another item code. */
  public static Future<Boolean> markBooked(SqlClient tx, UUID id, String itemCode) {
    return tx.preparedQuery(OrderSql.MARK_BOOKED).execute(Tuple.of(id, itemCode))
        .map(rows -> rows.rowCount() > 0);
  }

  private static List<Order> all(RowSet<Row> rows) {
    List<Order> orders = new ArrayList<>(rows.size());
    for (Row row : rows) {
      orders.add(Order.from(row));
    }
    return orders;
  }
}

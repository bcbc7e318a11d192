package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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

  // for courier
  /** The leg and the fee of the order carrying an item: what a courier's scan is checked against. */
  public record ItemLeg(UUID id, Leg leg, long feeToCollect) {
  }

  /** The leg and fee of the order carrying {@code itemCode}, or empty when none does. */
  public static Future<Optional<ItemLeg>> legOfItem(SqlClient client, String itemCode) {
    return client.preparedQuery(OrderSql.SCAN_TERMS).execute(Tuple.of(itemCode)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new ItemLeg(row.getUUID("id"), Leg.valueOf(row.getString("leg")),
          row.getLong("fee_to_collect")));
    });
  }

  /** The orders with these ids, in the ids' order; an id without an order is left out. */
  public static Future<List<Order>> findAll(SqlClient client, List<UUID> ids) {
    return client.preparedQuery(OrderSql.FIND_MANY)
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0]))).map(rows -> {
          Map<UUID, Order> byId = new HashMap<>();
          rows.forEach(row -> {
            Order order = Order.from(row);
            byId.put(order.id(), order);
          });
          return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        });
  }

  /** Flags the order for a desk's follow-up, saying why; already flagged, the reason is updated. */
  public static Future<Void> flagFollowUp(SqlClient tx, UUID id, String reason) {
    return tx.preparedQuery(OrderSql.FLAG_FOLLOW_UP).execute(Tuple.of(id, reason)).mapEmpty();
  }

  /** Clears a desk's follow-up flag and its reason. */
  public static Future<Void> clearFollowUp(SqlClient tx, UUID id) {
    return tx.preparedQuery(OrderSql.CLEAR_FOLLOW_UP).execute(Tuple.of(id)).mapEmpty();
  }

  // for notify and citizen

  /**
   * Gives the order's citizen a new phone number and the order a new link generation, in the
   * caller's transaction; returns that generation.
   */
  public static Future<Integer> correctPhone(SqlClient tx, UUID id, String phone) {
    return tx.preparedQuery(OrderSql.CORRECT_PHONE).execute(Tuple.of(id, phone))
        .map(rows -> rows.iterator().next().getInteger(0));
  }
}

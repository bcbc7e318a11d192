package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
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

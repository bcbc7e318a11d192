package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        .map(Orders::first);
  }

  /** The order locked in {@code tx} until it ends, or empty when it does not exist. */
  public static Future<Optional<Order>> lock(SqlClient tx, UUID id) {
    return tx.preparedQuery(OrderSql.LOCK).execute(Tuple.of(id))
        .map(Orders::first);
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

  /** The orders with these ids, in the ids' order; an id without an order is left out. */
  public static Future<List<Order>> findAll(SqlClient client, List<UUID> ids) {
    return client.preparedQuery(OrderSql.FIND_MANY)
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0]))).map(rows -> {
          Map<UUID, Order> byId = new HashMap<>();
          all(rows).forEach(order -> byId.put(order.id(), order));
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

  /**
   * Gives the order's citizen a new phone number and the order a new link generation, in the
   * caller's transaction; returns that generation.
   */
  public static Future<Integer> correctPhone(SqlClient tx, UUID id, String phone) {
    return tx.preparedQuery(OrderSql.CORRECT_PHONE).execute(Tuple.of(id, phone))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Every order as a read-only relation, columns as in {@link OrderSql#COLUMNS}. */
  public static final String ROWS = OrderSql.ROWS;

  /** How many of the office's orders were booked in [{@code from}, {@code to}). */
  public static Future<Long> countBooked(SqlClient client, String office, OffsetDateTime from,
      OffsetDateTime to) {
    return client.preparedQuery(OrderSql.COUNT_BOOKED).execute(Tuple.of(office, from, to))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** An order and when it was delivered. */
  public record Delivered(Order order, OffsetDateTime deliveredAt) {
  }

  /** The office's orders delivered in [{@code from}, {@code to}). */
  public static Future<List<Delivered>> deliveredBetween(SqlClient client, String office,
      OffsetDateTime from, OffsetDateTime to) {
    return client.preparedQuery(OrderSql.DELIVERED).execute(Tuple.of(office, from, to)).map(rows -> {
      List<Delivered> delivered = new ArrayList<>();
      for (Row row : rows) {
        delivered.add(new Delivered(Order.from(row), row.getOffsetDateTime("delivered_at")));
      }
      return delivered;
    });
  }

  /** The office's orders counted by status, in the order the database grouped them. */
  public static Future<Map<String, Long>> countByStatus(SqlClient client, String office) {
    return counts(client, OrderSql.COUNT_BY_STATUS, "status", office);
  }

  /** The office's orders counted by flag, in the order the database grouped them. */
  public static Future<Map<String, Long>> countByFlag(SqlClient client, String office) {
    return counts(client, OrderSql.COUNT_BY_FLAG, "f", office);
  }

  private static Future<Map<String, Long>> counts(SqlClient client, String sql, String column,
      String office) {
    return client.preparedQuery(sql).execute(Tuple.of(office)).map(rows -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      rows.forEach(row -> counts.put(row.getString(column), row.getLong("n")));
      return counts;
    });
  }

  /** A flagged order and the desk's follow-up note. */
  public record Flagged(Order order, String followUp) {
  }

  /** The office's flagged orders, longest unchanged first, at most {@code limit}. */
  public static Future<List<Flagged>> flagged(SqlClient client, String office, int limit) {
    return client.preparedQuery(OrderSql.FLAGGED).execute(Tuple.of(office, limit)).map(rows -> {
      List<Flagged> flagged = new ArrayList<>();
      for (Row row : rows) {
        flagged.add(new Flagged(Order.from(row), row.getString("follow_up")));
      }
      return flagged;
    });
  }

  /** An order's flags as they were read and as they should be now. */
  public record FlagChange(UUID id, Collection<String> read, Collection<String> wanted) {
  }

  /**
   * Sets the flags of many orders in one statement, each only if its flags are still those
   * read; answers how many changed.
   */
  public static Future<Integer> setFlags(SqlClient client, List<FlagChange> changes) {
    return client.preparedQuery(OrderSql.SET_FLAGS).execute(Unnest.of(changes)
            .uuids(FlagChange::id).commaJoined(FlagChange::read).commaJoined(FlagChange::wanted)
            .tuple())
        .map(rows -> rows.rowCount());
  }

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
        .map(Orders::first);
  }

  /** Records the carrier's booking; false when the order already has another item code. */
  public static Future<Boolean> markBooked(SqlClient tx, UUID id, String itemCode) {
    return tx.preparedQuery(OrderSql.MARK_BOOKED).execute(Tuple.of(id, itemCode))
        .map(rows -> rows.rowCount() > 0);
  }

  private static Optional<Order> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Order.from(rows.iterator().next()));
  }

  private static List<Order> all(RowSet<Row> rows) {
    List<Order> orders = new ArrayList<>(rows.size());
    for (Row row : rows) {
      orders.add(Order.from(row));
    }
    return orders;
  }
}

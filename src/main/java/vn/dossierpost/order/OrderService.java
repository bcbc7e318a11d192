package vn.dossierpost.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.Problems;
import vn.dossierpost.link.TrackingLinks;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;

/** Booking and reading legs, always within one office (cancelling is an event: tracking). */
public final class OrderService {

  public static final String BOOK_JOB = "carrier.book";
  public static final String CANCEL_JOB = "carrier.cancel";

  private final Pool pool;
  private final Idempotency idempotency;
  private final Outbox outbox;
  private final TrackingLinks links;
  private final LegBooked legBooked;

  /**
   * What else a leg booked on its own ({@code POST /api/v1/orders}, the CSV import) writes in
   * its transaction: the dossier package makes it a one-leg dossier (or adds it to the
   * dossier of its code).
   */
  @FunctionalInterface
  public interface LegBooked {
    Future<Void> booked(SqlConnection tx, Order order);
  }

  private OrderService(Pool pool, Idempotency idempotency, Outbox outbox, TrackingLinks links,
      LegBooked legBooked) {
    this.pool = pool;
    this.idempotency = idempotency;
    this.outbox = outbox;
    this.links = links;
    this.legBooked = legBooked;
  }

  public static OrderService create(Pool pool, Idempotency idempotency, Outbox outbox,
      TrackingLinks links) {
    return create(pool, idempotency, outbox, links, (tx, order) -> Future.succeededFuture());
  }

  public static OrderService create(Pool pool, Idempotency idempotency, Outbox outbox,
      TrackingLinks links, LegBooked legBooked) {
    return new OrderService(pool, idempotency, outbox, links, legBooked);
  }

  /** What a create answered: the stored response when the key was seen before. */
  public record Created(int status, JsonObject body, boolean replayed) {
  }

  /** Books a leg for {@code office}, audited as {@code actor}'s. */
  public Future<Created> create(Actor actor, String office, String idempotencyKey,
      OrderRequest request) {
    return idempotency.reserve(office, idempotencyKey, request.fingerprint()).compose(reservation -> {
      if (reservation.isReplay()) {
        return Future.succeededFuture(
            new Created(reservation.replayStatus(), reservation.replayBody(), true));
      }
      return pool.withTransaction(tx -> insert(tx, actor, office, request)
              .compose(order -> Idempotency.complete(tx, reservation, 201, order.toJson())
                  .map(order)))
          .onSuccess(order -> outbox.wake())
          .map(order -> new Created(201, order.toJson(), false))
          .recover(err -> idempotency.release(reservation)
              .transform(released -> translate(err, office, request)));
    });
  }

  /**
   * Inserts the order, its tracking link, its booking job and its audit record in the caller's
   * transaction.
   */
  public Future<Order> insert(SqlConnection tx, Actor actor, String office, OrderRequest request) {
    return insertLeg(tx, actor, office, request, true)
        .compose(order -> legBooked.booked(tx, order).map(order));
  }

  /**
   * Inserts a leg of a dossier, its tracking link and its audit record in the caller's
   * transaction; with {@code book}, its booking job too. A leg not booked waits for
   * {@link #enqueueBooking}.
   */
  public Future<Order> insertLeg(SqlConnection tx, Actor actor, String office,
      OrderRequest request, boolean book) {
    UUID id = UUID.randomUUID();
    Citizen citizen = request.citizen();
    return tx.preparedQuery(OrderSql.INSERT)
        .execute(Tuple.from(new Object[] {id, office, request.dossierCode(),
            request.procedureCode(), request.leg().name(), String.valueOf(request.leg().letter()),
            citizen.name(), citizen.phone(), citizen.address().line(),
            citizen.address().communeCode(), citizen.address().provinceCode(),
            citizen.address().district(), request.contents(), request.feeToCollect(),
            request.notifySms()}))
        .map(rows -> Order.from(rows.iterator().next()))
        .compose(order -> links.register(tx, order.id(), order.linkGeneration()).map(order))
        .compose(order -> (book ? enqueueBooking(tx, order.id()) : Future.<Void>succeededFuture())
            .compose(v -> Audit.append(tx, AuditEntry.onOrder(actor, "order.create", order.id(),
                null, AuditEntry.status(order.status()).put("leg", order.leg().name())
                    .put("dossierCode", order.dossierCode()))))
            .map(order));
  }

  /** The booking job of a leg, in the caller's transaction. */
  public static Future<Void> enqueueBooking(SqlConnection tx, UUID orderId) {
    return Outbox.enqueue(tx, Job.of(BOOK_JOB, orderId, new JsonObject())).mapEmpty();
  }

  /** Wakes the outbox worker after a transaction that wrote jobs committed. */
  public void wakeOutbox() {
    outbox.wake();
  }

  /** A unique violation of a leg insert as the 409 it means; any other error unchanged. */
  public <T> Future<T> conflict(Throwable err, String office, OrderRequest request) {
    return translate(err, office, request);
  }

  private <T> Future<T> translate(Throwable err, String office, OrderRequest request) {
    if (err instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      if ("orders_one_active".equals(pg.getConstraint())) {
        return pool.preparedQuery(OrderSql.FIND_ACTIVE)
            .execute(Tuple.of(office, request.dossierCode(), request.leg().name()))
            .compose(rows -> {
              String existing = rows.size() == 0 ? null : rows.iterator().next().getUUID("id").toString();
              return Future.failedFuture(Problem.of(409, "order-exists", "Order exists",
                      "dossier " + request.dossierCode() + " already has an active "
                          + request.leg() + " order")
                  .with("existingOrderId", existing).exception());
            });
      }
      return Future.failedFuture(Problems.conflict("conflict",
          "a concurrent order for this dossier was stored; retry"));
    }
    return Future.failedFuture(err);
  }

  public Future<Order> get(String office, UUID id) {
    return pool.preparedQuery(OrderSql.FIND_FOR_OFFICE).execute(Tuple.of(id, office))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problems.notFound();
          }
          return Order.from(rows.iterator().next());
        });
  }

  public Future<OrderPage> list(String office, OrderQuery query) {
    List<Object> params = new ArrayList<>();
    params.add(office);
    StringBuilder sql = new StringBuilder(OrderSql.LIST_HEAD);
    query.status().ifPresent(s -> append(sql, OrderSql.LIST_STATUS, params, s.name()));
    query.leg().ifPresent(l -> append(sql, OrderSql.LIST_LEG, params, l.name()));
    query.dossierCode().ifPresent(d -> append(sql, OrderSql.LIST_DOSSIER, params, d));
    query.itemCode().ifPresent(i -> append(sql, OrderSql.LIST_ITEM, params, i));
    query.from().ifPresent(f -> append(sql, OrderSql.LIST_FROM, params, f));
    query.to().ifPresent(t -> append(sql, OrderSql.LIST_TO, params, t));
    query.after().ifPresent(c -> {
      params.add(c.createdAt());
      params.add(c.id());
      sql.append(String.format(OrderSql.LIST_AFTER, params.size() - 1, params.size()));
    });
    params.add(query.limit() + 1);
    sql.append(String.format(OrderSql.LIST_TAIL, params.size()));
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
      List<Order> items = new ArrayList<>();
      for (Row row : rows) {
        items.add(Order.from(row));
      }
      Optional<PageCursor> next = Optional.empty();
      if (items.size() > query.limit()) {
        items.remove(items.size() - 1);
        Order last = items.get(items.size() - 1);
        next = Optional.of(new PageCursor(last.createdAt(), last.id()));
      }
      return new OrderPage(items, next);
    });
  }

  private static void append(StringBuilder sql, String fragment, List<Object> params, Object value) {
    params.add(value);
    sql.append(String.format(fragment, params.size()));
  }
}

package vn.dossierpost.dossier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import vn.dossierpost.callback.DossierCallbacks;
import vn.dossierpost.courier.DeskReceipts;
import vn.dossierpost.courier.Receipt;
import vn.dossierpost.http.FieldError;
import vn.dossierpost.http.Idempotency;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.Problems;
import vn.dossierpost.notify.SmsRequests;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderQuery;
import vn.dossierpost.procedure.Procedure;
import vn.dossierpost.procedure.Procedures;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.order.Orders;
import vn.dossierpost.order.PageCursor;
import vn.dossierpost.tracking.Cancellations;
import vn.dossierpost.tracking.EventCode;
import vn.dossierpost.tracking.EventSource;
import vn.dossierpost.tracking.EventStore;
import vn.dossierpost.tracking.Reconciler;
import vn.dossierpost.tracking.TrackingEvent;

/**
 * Dossiers of one office: storing one with its legs, reading, and the desk's steps. A step
 * locks the dossier's legs before the dossier, as a leg's status change does (orders, then
 * dossiers), so the two cannot deadlock; it is audited, answers the same to a repeat of its
 * Idempotency-Key, and is refused (409) where the dossier's status does not allow it.
 */
final class DossierService {

  private final Pool pool;
  private final Idempotency idempotency;
  private final OrderService orders;
  private final Reconciler reconciler;
  private final DeskReceipts receipts;
  private final AppointmentDates appointments;

  DossierService(Pool pool, Idempotency idempotency, OrderService orders, Reconciler reconciler,
      DeskReceipts receipts, AppointmentDates appointments) {
    this.pool = pool;
    this.idempotency = idempotency;
    this.orders = orders;
    this.reconciler = reconciler;
    this.receipts = receipts;
    this.appointments = appointments;
  }

  /** What a request answered: the stored response when the key was seen before. */
  record Answer(int status, JsonObject body, boolean replayed) {
  }

  Future<Answer> create(Actor actor, String office, String key, DossierRequest request) {
    return idempotency.reserve(office, key, request.fingerprint()).compose(reservation -> {
      if (reservation.isReplay()) {
        return Future.succeededFuture(
            new Answer(reservation.replayStatus(), reservation.replayBody(), true));
      }
      return pool.withTransaction(tx -> insert(tx, actor, office, request)
              .compose(body -> Idempotency.complete(tx, reservation, 201, body).map(body)))
          .onSuccess(body -> orders.wakeOutbox())
          .map(body -> new Answer(201, body, false))
          .recover(err -> idempotency.release(reservation)
              .transform(released -> translate(err, office, request)));
    });
  }

  /**
   * The legs first (a PICKUP leg booked at once, a DELIVERY leg waiting for the result), then
   * the dossier naming them, all in one transaction.
   */
  private Future<JsonObject> insert(SqlConnection tx, Actor actor, String office,
      DossierRequest request) {
    return Procedures.find(tx, office, request.procedureCode()).compose(procedure -> {
      if (procedure.isPresent() && !procedure.get().allows(request.mode().name())) {
        return Future.failedFuture(Problems.validation(List.of(new FieldError("mode",
            "not_allowed_by_procedure", notAllowed(procedure.get(), request.mode())))));
      }
      // Received in person (the result alone goes by post): the appointment runs from today.
      Future<Optional<LocalDate>> appointment = request.mode().submits()
          ? Future.succeededFuture(Optional.empty())
          : appointments.due(tx, office, request.procedureCode(), LocalDate.now(OrderQuery.VIETNAM));
      return appointment.compose(due -> insert(tx, actor, office, request, due.orElse(null)));
    });
  }

  private static String notAllowed(Procedure procedure, DossierMode mode) {
    String what = switch (mode) {
      case SUBMIT_BY_POST -> "nộp hồ sơ qua bưu chính công ích";
      case RESULT_BY_POST -> "nhận kết quả qua bưu chính công ích";
      case BOTH -> "nộp hồ sơ và nhận kết quả qua bưu chính công ích";
    };
    return "Thủ tục «" + procedure.name() + "» không cho phép " + what + ".";
  }

  private Future<JsonObject> insert(SqlConnection tx, Actor actor, String office,
      DossierRequest request, LocalDate appointment) {
    Future<Order> pickup = request.mode().submits()
        ? orders.insertLeg(tx, actor, office, request.leg(Leg.PICKUP), true)
        : Future.succeededFuture(null);
    return pickup.compose(p -> {
      Future<Order> delivery = request.mode().returns()
          ? orders.insertLeg(tx, actor, office, request.leg(Leg.DELIVERY), false)
              .compose(d -> awaitResult(tx, actor, d))
          : Future.succeededFuture(null);
      return delivery.compose(d -> {
        DossierStatus status = request.mode().submits() ? DossierStatus.AWAITING_COLLECTION
            : DossierStatus.RECEIVED;
        UUID id = UUID.randomUUID();
        return tx.preparedQuery(DossierSql.INSERT).execute(Tuple.from(new Object[] {id, office,
                request.dossierCode(), request.procedureCode(), request.mode().name(), status.name(),
                request.name(), request.phone(), Dossier.address(request.collectionAddress()),
                Dossier.address(request.deliveryAddress()), request.contents(),
                request.feeToCollect(), request.notifySms(), p == null ? null : p.id(),
                d == null ? null : d.id(), appointment}))
            .map(rows -> Dossier.from(rows.iterator().next()))
            .compose(dossier -> Audit.append(tx, AuditEntry.onSubject(actor, "dossier.create",
                    subject(dossier), null, AuditEntry.status(status).put("mode", request.mode().name())
                        .put("dossierCode", request.dossierCode())))
                .compose(v -> DossierCallbacks.enqueue(tx, List.of(DossierLegs.callback(dossier,
                    dossier.firstLeg(), "create", status, status, null))))
                .compose(v -> Orders.findAll(tx, dossier.legIds()))
                .map(dossier::toJson));
      });
    });
  }

  /** The DELIVERY leg waits, unbooked: an event of its timeline says so (D16). */
  private Future<Order> awaitResult(SqlConnection tx, Actor actor, Order leg) {
    return EventStore.append(tx, TrackingEvent.system(leg.id(), null, EventCode.RESULT_AWAITED,
            EventSource.DESK, OffsetDateTime.now(), null, "result-awaited:" + leg.id()))
        .compose(v -> reconciler.reconcile(tx, List.of(leg.id()),
            Reconciler.audited(tx, actor, "order.await-result")))
        .map(leg);
  }

  private <T> Future<T> translate(Throwable err, String office, DossierRequest request) {
    if (err instanceof PgException pg && "23505".equals(pg.getSqlState())
        && "dossiers_one_per_code".equals(pg.getConstraint())) {
      return Future.failedFuture(Problem.of(409, "dossier-exists", "Dossier exists",
          "office " + office + " already has dossier " + request.dossierCode()).exception());
    }
    if (err instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return orders.conflict(err, office, request.leg(request.mode().submits() ? Leg.PICKUP : Leg.DELIVERY));
    }
    return Future.failedFuture(err);
  }

  Future<JsonObject> get(String office, UUID id) {
    return find(office, id).compose(d -> Orders.findAll(pool, d.legIds()).map(d::toJson));
  }

  private Future<Dossier> find(String office, UUID id) {
    return pool.preparedQuery(DossierSql.FIND_FOR_OFFICE).execute(Tuple.of(id, office))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problems.notFound();
          }
          return Dossier.from(rows.iterator().next());
        });
  }

  Future<JsonObject> list(String office, DossierQuery query) {
    List<Object> params = new ArrayList<>();
    params.add(office);
    StringBuilder sql = new StringBuilder(DossierSql.LIST_HEAD);
    query.status().ifPresent(s -> append(sql, DossierSql.LIST_STATUS, params, s.name()));
    query.mode().ifPresent(m -> append(sql, DossierSql.LIST_MODE, params, m.name()));
    if (query.overdue()) {
      append(sql, DossierSql.LIST_OVERDUE, params, LocalDate.now(OrderQuery.VIETNAM));
    }
    query.dossierCode().ifPresent(c -> append(sql, DossierSql.LIST_DOSSIER, params, c));
    query.from().ifPresent(f -> append(sql, DossierSql.LIST_FROM, params, f));
    query.to().ifPresent(t -> append(sql, DossierSql.LIST_TO, params, t));
    query.after().ifPresent(c -> {
      params.add(c.createdAt());
      params.add(c.id());
      sql.append(String.format(DossierSql.LIST_AFTER, params.size() - 1, params.size()));
    });
    params.add(query.limit() + 1);
    sql.append(String.format(DossierSql.LIST_TAIL, params.size()));
    return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
      List<Dossier> items = new ArrayList<>();
      for (Row row : rows) {
        items.add(Dossier.from(row));
      }
      String next = null;
      if (items.size() > query.limit()) {
        items.remove(items.size() - 1);
        Dossier last = items.get(items.size() - 1);
        next = new PageCursor(last.createdAt(), last.id()).encode();
      }
      JsonArray json = new JsonArray();
      items.forEach(d -> json.add(d.toJson()));
      return new JsonObject().put("items", json).put("nextCursor", next);
    });
  }

  private static void append(StringBuilder sql, String fragment, List<Object> params, Object value) {
    params.add(value);
    sql.append(String.format(fragment, params.size()));
  }

  /** What a step was asked with, read at the edge. */
  record StepRequest(Step step, JsonObject body, Receipt receipt, LocalDate appointment,
      JsonArray documents, String reason) {

    byte[] fingerprint(UUID id) {
      return DossierRequest.sha256("dossier-step|" + id + "|" + step.key() + "|" + body.encode());
    }
  }

  Future<Answer> step(Actor actor, String office, String key, UUID id, StepRequest request) {
    return find(office, id).compose(found -> idempotency.reserve(office, key, request.fingerprint(id))
        .compose(reservation -> {
          if (reservation.isReplay()) {
            return Future.succeededFuture(
                new Answer(reservation.replayStatus(), reservation.replayBody(), true));
          }
          return pool.withTransaction(tx -> Orders.lockMany(tx, found.legIds().stream()
                      .sorted().toArray(UUID[]::new))
                  .compose(legs -> tx.preparedQuery(DossierSql.LOCK).execute(Tuple.of(id)))
                  .compose(rows -> take(tx, actor, office, Dossier.from(rows.iterator().next()), request))
                  .compose(body -> Idempotency.complete(tx, reservation, 200, body).map(body)))
              .onSuccess(body -> orders.wakeOutbox())
              .map(body -> new Answer(200, body, false))
              .recover(err -> idempotency.release(reservation).transform(v -> Future.failedFuture(err)));
        }));
  }

  private Future<JsonObject> take(SqlConnection tx, Actor actor, String office, Dossier d,
      StepRequest request) {
    Step step = request.step();
    List<Step> allowed = Step.allowed(d);
    if (!allowed.contains(step)) {
      JsonArray names = new JsonArray();
      allowed.forEach(s -> names.add(s.path()));
      return Future.failedFuture(Problem.of(409, "dossier-step-not-allowed", "Step not allowed",
              "a dossier in status " + d.status() + " does not allow " + step.path())
          .with("dossierStatus", d.status().name()).with("allowedSteps", names).exception());
    }
    JsonObject extra = new JsonObject();
    Future<Dossier> moved = switch (step) {
      case RECEIVE -> receive(tx, actor, office, d, request, extra);
      case PROCESS -> move(tx, d, step, DossierStatus.PROCESSING, d.appointmentDate(), d.supplement());
      case RESUME -> move(tx, d, step, DossierStatus.PROCESSING, d.appointmentDate(), d.supplement());
      case SUPPLEMENT -> supplement(tx, d, request);
      case RESULT_READY -> resultReady(tx, actor, d);
      case CLOSE -> move(tx, d, step, DossierStatus.CLOSED, d.appointmentDate(), d.supplement());
      case CANCEL -> cancel(tx, actor, office, d, request.reason());
    };
    return moved.compose(after -> Audit.append(tx, AuditEntry.onSubject(actor,
                "dossier." + step.key(), subject(d), AuditEntry.status(d.status()),
                AuditEntry.status(after.status())))
            .compose(v -> Orders.findAll(tx, after.legIds()))
            .map(legs -> after.toJson(legs).mergeIn(extra)));
  }

  /** Moves the dossier and tells the one-stop system; in the step's transaction. */
  private Future<Dossier> move(SqlConnection tx, Dossier d, Step step, DossierStatus to,
      LocalDate appointment, JsonObject supplement) {
    return tx.preparedQuery(DossierSql.MOVE).execute(Tuple.of(d.id(), to.name(),
            new JsonArray().add(DossierLegs.step(step.key(), d.status(), to, null)), appointment,
            supplement))
        .map(rows -> Dossier.from(rows.iterator().next()))
        .compose(after -> DossierCallbacks.enqueue(tx, List.of(DossierLegs.callback(after,
                after.firstLeg(), step.key(), d.status(), to, appointment == null ? null : appointment)))
            .map(after));
  }

  /**
   * With the PICKUP leg still with the courier, the desk's receipt of that leg (re-tally, seal,
   * fee): a match delivers the leg, and the leg's change receives the dossier with the
   * appointment date ({@link DossierLegs}); the leg's own SMS carries the date. A discrepancy
   * leaves the dossier where it was, the leg flagged. Otherwise (the citizen brought the missing
   * documents to the desk, or the dossier came in person) the dossier is received here.
   */
  private Future<Dossier> receive(SqlConnection tx, Actor actor, String office, Dossier d,
      StepRequest request, JsonObject extra) {
    LocalDate today = LocalDate.now(OrderQuery.VIETNAM);
    Future<Optional<LocalDate>> computed = request.appointment() != null
        ? Future.succeededFuture(Optional.of(request.appointment()))
        : appointments.due(tx, office, d.procedureCode(), today);
    return computed.compose(due -> {
      if (due.isEmpty()) {
        return Future.failedFuture(Problems.validation(List.of(new FieldError("appointmentDate",
            "required", "Thủ tục chưa có trong danh mục: ghi ngày hẹn trả kết quả (YYYY-MM-DD)."))));
      }
      return receiveOn(tx, actor, office, d, request, extra, due.get());
    });
  }

  private Future<Dossier> receiveOn(SqlConnection tx, Actor actor, String office, Dossier d,
      StepRequest request, JsonObject extra, LocalDate appointment) {
    Future<Optional<Order>> pickup = d.pickupOrderId() == null ? Future.succeededFuture(Optional.empty())
        : Orders.find(tx, d.pickupOrderId());
    return pickup.compose(leg -> {
      if (leg.isPresent() && leg.get().status() != OrderStatus.DELIVERED) {
        return receipts.receive(tx, actor, office, leg.get().id(),
                request.receipt().withAppointment(appointment.toString()))
            .compose(outcome -> {
              extra.put("receipt", new JsonObject().put("match", outcome.match())
                  .put("discrepancies", outcome.discrepancies() == null ? null
                      : new JsonArray(outcome.discrepancies())));
              return tx.preparedQuery(DossierSql.LOCK).execute(Tuple.of(d.id()))
                  .map(rows -> Dossier.from(rows.iterator().next()));
            });
      }
      extra.put("receipt", new JsonObject().put("match", true));
      return move(tx, d, Step.RECEIVE, DossierStatus.RECEIVED, appointment, d.supplement())
          .compose(after -> SmsRequests.dossierStep(tx, after.firstLeg(), "received", appointment,
              0, "r" + after.steps().size()).map(after));
    });
  }

  private Future<Dossier> supplement(SqlConnection tx, Dossier d, StepRequest request) {
    JsonObject supplement = new JsonObject().put("documents", request.documents())
        .put("reason", request.reason()).put("requestedAt", OffsetDateTime.now().toString())
        .put("from", d.status().name());
    int occurrence = d.supplements() + 1;
    return move(tx, d, Step.SUPPLEMENT, DossierStatus.SUPPLEMENT_REQUESTED, d.appointmentDate(),
            supplement)
        .compose(after -> SmsRequests.dossierStep(tx, after.firstLeg(), "supplement", null,
            request.documents().size(), String.valueOf(occurrence)).map(after));
  }

  /**
   * Books the waiting DELIVERY leg: an event releases it from waiting (D16), its booking job is
   * written in this transaction, and the citizen hears the result is on its way. A dossier
   * without a DELIVERY leg has its result taken at the desk.
   */
  private Future<Dossier> resultReady(SqlConnection tx, Actor actor, Dossier d) {
    UUID leg = d.deliveryOrderId();
    if (leg == null) {
      return move(tx, d, Step.RESULT_READY, DossierStatus.RESULT_READY, d.appointmentDate(),
          d.supplement());
    }
    return Orders.find(tx, leg).compose(found -> waiting(d, found))
        .compose(v -> EventStore.append(tx, TrackingEvent.system(leg, null, EventCode.RESULT_READY,
            EventSource.DESK, OffsetDateTime.now(), null, "result-ready:" + leg)))
        .compose(v -> reconciler.reconcile(tx, List.of(leg),
            Reconciler.audited(tx, actor, "order.result-ready")))
        .compose(v -> OrderService.enqueueBooking(tx, leg))
        .compose(v -> move(tx, d, Step.RESULT_READY, DossierStatus.RESULT_READY,
            d.appointmentDate(), d.supplement()))
        .compose(after -> SmsRequests.dossierStep(tx, leg, "result_ready", null, 0, "1").map(after));
  }

  /**
   * The DELIVERY leg must still be waiting: one cancelled on its own (the order route) would
   * book nothing, yet the citizen would be told the result is on its way and the dossier could
   * never close. The desk books a new DELIVERY leg (it joins the dossier) or cancels the dossier.
   */
  private static Future<Void> waiting(Dossier d, Optional<Order> leg) {
    OrderStatus status = leg.map(Order::status).orElse(null);
    if (status == OrderStatus.AWAITING_RESULT) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(Problem.of(409, "delivery-leg-not-waiting", "Delivery leg not waiting",
            "the dossier's DELIVERY leg is " + status + "; book a new DELIVERY leg for dossier "
                + d.dossierCode() + " or cancel the dossier")
        .with("dossierStatus", d.status().name()).with("legStatus", String.valueOf(status)).exception());
  }

  /** Cancels the legs that can still be cancelled; a leg the post has taken is left as it is. */
  private Future<Dossier> cancel(SqlConnection tx, Actor actor, String office, Dossier d,
      String reason) {
    return Orders.findAll(tx, d.legIds()).compose(legs -> {
      Future<?> chain = Future.succeededFuture();
      for (Order leg : legs) {
        if (leg.status().isCancellable()) {
          chain = chain.compose(v -> Cancellations.cancel(tx, reconciler, actor, office, leg.id(), reason));
        }
      }
      return chain;
    }).compose(v -> tx.preparedQuery(DossierSql.LOCK).execute(Tuple.of(d.id())))
        .map(rows -> Dossier.from(rows.iterator().next()))
        .compose(now -> now.status() == DossierStatus.CANCELLED ? Future.succeededFuture(now)
            : move(tx, now, Step.CANCEL, DossierStatus.CANCELLED, now.appointmentDate(),
                now.supplement()));
  }

  private static String subject(Dossier d) {
    return "dossier:" + d.id();
  }
}

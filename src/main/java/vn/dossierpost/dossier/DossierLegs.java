package vn.dossierpost.dossier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.callback.DossierCallbacks;
import vn.dossierpost.http.Problem;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.Order;
import vn.dossierpost.order.OrderService;
import vn.dossierpost.order.OrderStatus;
import vn.dossierpost.tracking.StatusChange;
import vn.dossierpost.tracking.StatusListener;

/**
 * How legs move their dossier. A leg booked on its own makes (or joins) a dossier; a leg's
 * status change moves its dossier where the change says, in the transaction of the change:
 * the PICKUP leg collected → collected, delivered to the desk → received (with the appointment
 * the desk's receipt gave); the DELIVERY leg collected from the desk → result with the post,
 * delivered → result delivered, returned → result returned; the only leg of a dossier
 * cancelled → cancelled. Reads and writes only dossiers, so it may run beside the statement
 * that updates the orders.
 */
public final class DossierLegs implements StatusListener, OrderService.LegBooked {

  /** Where a leg's change takes a dossier, and the step it records. */
  record Move(DossierStatus to, String step, LocalDate appointment) {
  }

  @Override
  public Future<Void> booked(SqlConnection tx, Order order) {
    boolean pickup = order.leg() == Leg.PICKUP;
    JsonObject address = order.citizen().address().toJson();
    return tx.preparedQuery(DossierSql.UPSERT_LEG).execute(Tuple.from(new Object[] {
        UUID.randomUUID(), order.officeCode(), order.dossierCode(), order.procedureCode(),
        pickup ? DossierMode.SUBMIT_BY_POST.name() : DossierMode.RESULT_BY_POST.name(),
        pickup ? DossierStatus.AWAITING_COLLECTION.name() : DossierStatus.RESULT_READY.name(),
        order.citizen().name(), order.citizen().phone(), pickup ? address : null,
        pickup ? null : address, order.contents(), order.feeToCollect(), order.notifySms(),
        pickup ? order.id() : null, pickup ? null : order.id()})).compose(rows -> rows.rowCount() == 1
            ? Future.<Void>succeededFuture()
            // a courier sent for the paper of a closed case, or a result re-sent after closing:
            // refused, and the leg's insert rolls back with it
            : Future.failedFuture(Problem.of(409, "dossier-closed", "Dossier closed",
                "dossier " + order.dossierCode() + " is closed; it takes no new leg").exception()));
  }

  @Override
  public Future<Void> onChanges(SqlConnection tx, List<StatusChange> changes) {
    Map<UUID, StatusChange> byLeg = new HashMap<>();
    changes.forEach(c -> byLeg.put(c.order().id(), c));
    return tx.preparedQuery(DossierSql.LOCK_BY_LEGS)
        .execute(Tuple.tuple().addArrayOfUUID(byLeg.keySet().toArray(new UUID[0])))
        .compose(rows -> {
          List<Future<?>> writes = new ArrayList<>();
          List<DossierCallbacks.Step> callbacks = new ArrayList<>();
          for (Row row : rows) {
            Dossier d = Dossier.from(row);
            for (UUID leg : d.legIds()) {
              StatusChange change = byLeg.get(leg);
              if (change == null) {
                continue;
              }
              Optional<Move> move = move(d, change);
              if (move.isPresent()) {
                Move m = move.get();
                LocalDate appointment = m.appointment() != null ? m.appointment() : d.appointmentDate();
                writes.add(tx.preparedQuery(DossierSql.MOVE).execute(Tuple.of(d.id(), m.to().name(),
                    new JsonArray().add(step(m.step(), d.status(), m.to(), change.order().leg())),
                    appointment, d.supplement())));
                callbacks.add(callback(d, leg, m.step(), d.status(), m.to(), appointment));
                break;
              }
            }
          }
          writes.add(DossierCallbacks.enqueue(tx, callbacks));
          return Future.all(writes).mapEmpty();
        });
  }

  static JsonObject step(String step, DossierStatus from, DossierStatus to, Leg leg) {
    JsonObject json = new JsonObject().put("step", step).put("from", from.name())
        .put("to", to.name()).put("at", OffsetDateTime.now().toString());
    if (leg != null) {
      json.put("leg", leg.name());
    }
    return json;
  }

  static DossierCallbacks.Step callback(Dossier d, UUID leg, String step, DossierStatus from,
      DossierStatus to, LocalDate appointment) {
    return new DossierCallbacks.Step(d.officeCode(), leg, d.id(), d.dossierCode(),
        d.procedureCode(), d.mode().name(), step, from.name(), to.name(),
        appointment == null ? null : appointment.toString());
  }

  /** Where the leg's change takes the dossier; empty when it stays. A pure function. */
  static Optional<Move> move(Dossier d, StatusChange change) {
    Leg leg = change.order().leg();
    OrderStatus to = change.to();
    DossierStatus now = d.status();
    if (now.isFinal()) {
      return Optional.empty();
    }
    boolean onlyLeg = d.legIds().size() == 1;
    if (to == OrderStatus.CANCELLED && onlyLeg) {
      return Optional.of(new Move(DossierStatus.CANCELLED, "cancel", null));
    }
    if (leg == Leg.PICKUP) {
      if (to == OrderStatus.DELIVERED && (now == DossierStatus.AWAITING_COLLECTION
          || now == DossierStatus.COLLECTED || now == DossierStatus.SUPPLEMENT_REQUESTED)) {
        return Optional.of(new Move(DossierStatus.RECEIVED, "receive", appointment(change)));
      }
      if (to.phase() == 1 && now == DossierStatus.AWAITING_COLLECTION) {
        return Optional.of(new Move(DossierStatus.COLLECTED, "collected", null));
      }
      return Optional.empty();
    }
    if (to == OrderStatus.DELIVERED && (now == DossierStatus.RESULT_READY
        || now == DossierStatus.RESULT_WITH_POST)) {
      return Optional.of(new Move(DossierStatus.RESULT_DELIVERED, "result_delivered", null));
    }
    if (to == OrderStatus.RETURNED && (now == DossierStatus.RESULT_READY
        || now == DossierStatus.RESULT_WITH_POST)) {
      return Optional.of(new Move(DossierStatus.RESULT_RETURNED, "result_returned", null));
    }
    if (to.phase() == 1 && now == DossierStatus.RESULT_READY) {
      return Optional.of(new Move(DossierStatus.RESULT_WITH_POST, "result_with_post", null));
    }
    return Optional.empty();
  }

  /** The appointment date the desk's receipt gave, if it gave one. */
  private static LocalDate appointment(StatusChange change) {
    if (change.cause() == null || change.cause().details() == null) {
      return null;
    }
    String date = change.cause().details().getString("appointmentDate");
    try {
      return date == null ? null : LocalDate.parse(date);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}

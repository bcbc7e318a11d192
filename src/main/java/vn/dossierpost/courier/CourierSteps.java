package vn.dossierpost.courier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dossierpost.courier.ScanRequest.Action;
import vn.dossierpost.http.Problem;
import vn.dossierpost.http.ProblemException;
import vn.dossierpost.order.Leg;
import vn.dossierpost.order.OrderStatus;

/**
 * The state machine of people's actions on an item (DESIGN §5, Circular 17/2017 Art. 5): for
 * each leg, what a courier may do in each status, and what each action needs. Anything else is
 * refused before it is recorded (409 naming the status and what is allowed), so that no step can
 * be skipped: a pickup is collected with its checklist and seal before it travels, and only the
 * desk's receipt ends it; a result goes out before it is delivered, to someone who shows an ID.
 *
 * <p>The status is the one the item had when the scan was made (a scan queued offline keeps its
 * own time), which the caller works out from the history.
 */
final class CourierSteps {

  /** What an action needs, as the scan's fields. */
  enum Requirement {
    /** {@code checklist}: the documents taken, originals and copies (step 2). */
    CHECKLIST("checklist"),
    /** {@code sealNumber}: the dossier sealed in front of the citizen (step 3). */
    SEAL("sealNumber"),
    /** {@code fee.amount} and {@code fee.receiptNumber}: the fee due collected, with a receipt (step 4). */
    FEE_AND_RECEIPT("fee"),
    /** {@code proof}: the recipient's name, ID type and its last four characters, a signature or photo. */
    RECIPIENT_AND_ID("proof"),
    /** {@code reason} from the fixed list ({@code note} for OTHER). */
    REASON("reason");

    private final String field;

    Requirement(String field) {
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  private static final Map<OrderStatus, Set<Action>> PICKUP = table(Leg.PICKUP);
  private static final Map<OrderStatus, Set<Action>> DELIVERY = table(Leg.DELIVERY);

  private CourierSteps() {
  }

  /** The table itself: one line per status where a courier may act; no line, nothing allowed. */
  private static Map<OrderStatus, Set<Action>> table(Leg leg) {
    Map<OrderStatus, Set<Action>> t = new EnumMap<>(OrderStatus.class);
    Set<Action> moving = EnumSet.of(Action.ARRIVED_FACILITY, Action.DEPARTED_FACILITY,
        Action.OUT_FOR_DELIVERY);
    if (leg == Leg.PICKUP) {
      // from the citizen to the desk; the desk's receipt (not a scan) delivers it
      t.put(OrderStatus.BOOKED, EnumSet.of(Action.COLLECTED, Action.COLLECTION_FAILED));
      t.put(OrderStatus.COLLECTION_FAILED, EnumSet.of(Action.COLLECTED, Action.COLLECTION_FAILED));
      t.put(OrderStatus.COLLECTED, moving);
      t.put(OrderStatus.IN_TRANSIT, moving);
      t.put(OrderStatus.OUT_FOR_DELIVERY, EnumSet.of(Action.ARRIVED_FACILITY));
      return t;
    }
    // from the desk to the citizen
    t.put(OrderStatus.BOOKED, EnumSet.of(Action.COLLECTED, Action.COLLECTION_FAILED));
    t.put(OrderStatus.COLLECTION_FAILED, EnumSet.of(Action.COLLECTED, Action.COLLECTION_FAILED));
    Set<Action> carried = EnumSet.copyOf(moving);
    carried.add(Action.HELD_FOR_PICKUP);
    t.put(OrderStatus.COLLECTED, carried);
    t.put(OrderStatus.IN_TRANSIT, carried);
    t.put(OrderStatus.OUT_FOR_DELIVERY, EnumSet.of(Action.DELIVERED, Action.DELIVERY_FAILED,
        Action.HELD_FOR_PICKUP, Action.ARRIVED_FACILITY));
    // the recipient may still come to the door on the same round, or the item goes to the counter
    t.put(OrderStatus.DELIVERY_FAILED, EnumSet.of(Action.OUT_FOR_DELIVERY, Action.DELIVERED,
        Action.HELD_FOR_PICKUP, Action.RETURN_STARTED, Action.ARRIVED_FACILITY));
    t.put(OrderStatus.AWAITING_PICKUP, EnumSet.of(Action.DELIVERED, Action.OUT_FOR_DELIVERY,
        Action.RETURN_STARTED));
    t.put(OrderStatus.RETURNING, EnumSet.of(Action.ARRIVED_FACILITY, Action.DEPARTED_FACILITY,
        Action.RETURNED));
    return t;
  }

  /** The actions allowed on an item of {@code leg} in {@code status}, in lifecycle order. */
  static List<Action> allowed(Leg leg, OrderStatus status) {
    Set<Action> actions = (leg == Leg.PICKUP ? PICKUP : DELIVERY).get(status);
    return actions == null ? List.of() : List.copyOf(actions);
  }

  /** What {@code action} needs on an item of {@code leg} with {@code feeDue} to collect. */
  static List<Requirement> requirements(Leg leg, Action action, long feeDue) {
    return switch (action) {
      case COLLECTED -> leg == Leg.PICKUP
          ? feeDue > 0 ? List.of(Requirement.CHECKLIST, Requirement.SEAL, Requirement.FEE_AND_RECEIPT)
              : List.of(Requirement.CHECKLIST, Requirement.SEAL)
          : List.of();
      case DELIVERED -> feeDue > 0 && leg == Leg.DELIVERY
          ? List.of(Requirement.RECIPIENT_AND_ID, Requirement.FEE_AND_RECEIPT)
          : List.of(Requirement.RECIPIENT_AND_ID);
      case COLLECTION_FAILED, DELIVERY_FAILED, RETURN_STARTED -> List.of(Requirement.REASON);
      default -> List.of();
    };
  }

  /** Refuses an action the table does not allow: 409 naming the status and what is allowed. */
  static void check(Leg leg, OrderStatus status, Action action) {
    List<Action> allowed = allowed(leg, status);
    if (!allowed.contains(action)) {
      throw Problem.of(409, "action-not-allowed", "Action not allowed",
              action + " is not allowed on a " + leg + " leg in status " + status)
          .with("orderStatus", status.name()).with("leg", leg.name()).with("action", action.name())
          .with("allowedActions", new JsonArray(allowed.stream().map(Action::name).toList()))
          .exception();
    }
  }

  /** Refuses a back-dated action that would make a courier's later step out of order: 409. */
  static ProblemException beforeLaterStep(Leg leg, Action action, Action later,
      java.time.OffsetDateTime laterAt) {
    return Problem.of(409, "action-not-allowed", "Action not allowed",
            action + " dated before the " + later + " recorded at " + laterAt
                + " would leave that step out of order on a " + leg + " leg")
        .with("leg", leg.name()).with("action", action.name())
        .with("laterAction", later.name()).with("laterAt", laterAt.toString())
        .with("allowedActions", new JsonArray()).exception();
  }

  /** The allowed actions with what each needs, as the item card shows them. */
  static JsonArray card(Leg leg, OrderStatus status, long feeDue) {
    JsonArray actions = new JsonArray();
    for (Action a : allowed(leg, status)) {
      actions.add(new JsonObject().put("action", a.name()).put("requires",
          new JsonArray(requirements(leg, a, feeDue).stream().map(Requirement::field).toList())));
    }
    return actions;
  }
}

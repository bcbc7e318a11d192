package vn.dossierpost.tracking;

import io.vertx.core.json.JsonObject;
import vn.dossierpost.order.Leg;

/**
 * What an adopted event (parked because no order carried its item code yet) may not do: skip a
 * step that needs proof. Such an event came before anyone could check it against its order, so
 * it moves the order only where its step needs nothing more: a delivery needs the recipient's
 * proof, a pickup's collection its checklist and seal, and a pickup ends only when the desk
 * receives it (the desk's receipt is never parked). Held back, it stays in the history flagged
 * {@link TrackingEvent#FLAG_NEEDS_PROOF}.
 */
final class AdoptedSteps {

  private AdoptedSteps() {
  }

  /** Whether {@code event}, adopted by an order of {@code leg} (null: unknown), lacks its proof. */
  static boolean lacksProof(Leg leg, TrackingEvent event) {
    if (!event.flags().contains(TrackingEvent.FLAG_ADOPTED) || event.code() == null) {
      return false;
    }
    return switch (event.code()) {
      case DELIVERED -> leg == Leg.PICKUP || event.proof() == null;
      case COLLECTED -> leg == Leg.PICKUP && (event.sealNumber() == null || !hasChecklist(event.details()));
      default -> false;
    };
  }

  private static boolean hasChecklist(JsonObject details) {
    return details != null && details.getJsonArray("checklist") != null
        && !details.getJsonArray("checklist").isEmpty();
  }
}

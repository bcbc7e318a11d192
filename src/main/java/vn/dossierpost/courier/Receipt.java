package vn.dossierpost.courier;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the desk found when it took a collected dossier from the courier: its own tally of the
 * documents (normalised), the seal, and what else it noted. Optional parts are null.
 */
public record Receipt(JsonArray checklist, boolean sealIntact, JsonObject feeHandedOver,
    String appointmentDate, String note) {

  /** The same receipt with the appointment date the desk gave (YYYY-MM-DD). */
  public Receipt withAppointment(String date) {
    return new Receipt(checklist, sealIntact, feeHandedOver, date, note);
  }
}

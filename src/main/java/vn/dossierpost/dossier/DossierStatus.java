package vn.dossierpost.dossier;

/**
 * Where a dossier stands (README, "Dossiers"): awaiting collection → collected → received by
 * the desk → processing → result ready → result with the post → result delivered (or
 * returned) → closed; or cancelled; supplement requested while the desk waits for the citizen.
 */
public enum DossierStatus {
  AWAITING_COLLECTION, COLLECTED, RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, RESULT_READY,
  RESULT_WITH_POST, RESULT_DELIVERED, RESULT_RETURNED, CLOSED, CANCELLED;

  /** Whether the citizen has the result (or the dossier ended): no deadline runs any more. */
  boolean resultGiven() {
    return this == RESULT_DELIVERED || this == CLOSED || this == CANCELLED;
  }

  boolean isFinal() {
    return this == CLOSED || this == CANCELLED;
  }
}

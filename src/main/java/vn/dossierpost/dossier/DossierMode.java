package vn.dossierpost.dossier;

/** Decision 45/2016 Art. 5: the citizen sends the dossier by post, gets the result by post, or both. */
public enum DossierMode {
  SUBMIT_BY_POST, RESULT_BY_POST, BOTH;

  /** Whether the post collects the dossier: a PICKUP leg. */
  boolean submits() {
    return this != RESULT_BY_POST;
  }

  /** Whether the post brings the result: a DELIVERY leg. */
  boolean returns() {
    return this != SUBMIT_BY_POST;
  }
}

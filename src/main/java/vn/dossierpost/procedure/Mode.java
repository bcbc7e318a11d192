package vn.dossierpost.procedure;

/**
 * What a citizen chose to do by post (Decision 45/2016/QĐ-TTg, Art. 5): send the dossier, receive
 * the result, or both.
 */
public enum Mode {
  SUBMIT_BY_POST, RESULT_BY_POST, BOTH;

  /** The mode named {@code name}, or null when it names none. */
  public static Mode of(String name) {
    for (Mode m : values()) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }
}

package vn.dossierpost.order;

/**
 * {@code PICKUP}: the post collects the dossier from the citizen and brings it to the desk.
 * {@code DELIVERY}: the post takes the result from the desk to the citizen.
 */
public enum Leg {
  PICKUP('P'), DELIVERY('D');

  private final char letter;

  Leg(char letter) {
    this.letter = letter;
  }

  public char letter() {
    return letter;
  }
}

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

  /**
   * Where this leg's fee due is collected: {@code AT_PICKUP} from the citizen with the dossier
   * (Circular 17/2017 Art. 5 step 4), {@code ON_DELIVERY} as cash on delivery of the result.
   */
  public String feeCollection() {
    return this == PICKUP ? "AT_PICKUP" : "ON_DELIVERY";
  }
}

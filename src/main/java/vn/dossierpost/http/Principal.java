package vn.dossierpost.http;

import java.util.UUID;

/** Who is calling: the API key's id, its role, and the scope that role is limited to. */
public record Principal(UUID keyId, Role role, String scope) {

  public static final String KEY = "principal";

  /** The office code of a DESK key. */
  public String office() {
    if (role != Role.DESK) {
      throw new IllegalStateException("not a desk key");
    }
    return scope;
  }
}

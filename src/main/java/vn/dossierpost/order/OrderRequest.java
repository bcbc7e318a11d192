package vn.dossierpost.order;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A validated request to book a leg: every field normalised (NFC text, E.164 phone). */
public record OrderRequest(
    String dossierCode,
    String procedureCode,
    Leg leg,
    Citizen citizen,
    String contents,
    long feeToCollect,
    boolean notifySms) {

  /** Canonical form: key order fixed, values normalised. Two requests that mean the same match. */
  public JsonObject canonical() {
    return new JsonObject()
        .put("dossierCode", dossierCode)
        .put("procedureCode", procedureCode)
        .put("leg", leg.name())
        .put("citizen", citizen.toJson())
        .put("contents", contents)
        .put("feeToCollect", feeToCollect)
        .put("notifySms", notifySms);
  }

  /** SHA-256 of the canonical form: the fingerprint an Idempotency-Key is bound to. */
  public byte[] fingerprint() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(canonical().encode().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

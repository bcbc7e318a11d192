package vn.dossierpost.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed
 * with the bytes of a {@code whsec_<base64>} secret; timestamps within ±5 minutes; compared in
 * constant time. Used for the carrier's webhooks in and our callbacks out.
 */
public final class StandardWebhooks {

  public static final long TOLERANCE_SECONDS = 300;

  private StandardWebhooks() {
  }

  public static String sign(String secret, String id, long timestamp, byte[] body) {
    return "v1," + Base64.getEncoder().encodeToString(hmac(secret, id, timestamp, body));
  }

  /** The outcome of checking a signed request, before its body is parsed. */
  public enum Verdict {
    VALID, MISSING_HEADERS, STALE_TIMESTAMP, BAD_SIGNATURE
  }

  /**
   * Checks the headers against every active secret (several during a rotation). The body is
   * the raw bytes as received: nothing is parsed before this says VALID.
   */
  public static Verdict verify(List<String> secrets, String id, String timestamp,
      String signatureHeader, byte[] body, long nowSeconds) {
    if (id == null || timestamp == null || signatureHeader == null || id.length() > 256
        || signatureHeader.length() > 2048) {
      return Verdict.MISSING_HEADERS;
    }
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return Verdict.MISSING_HEADERS;
    }
    if (Math.abs(nowSeconds - ts) > TOLERANCE_SECONDS) {
      return Verdict.STALE_TIMESTAMP;
    }
    for (String secret : secrets) {
      byte[] expected = hmac(secret, id, ts, body);
      for (String candidate : signatureHeader.trim().split(" ")) {
        if (!candidate.startsWith("v1,")) {
          continue;
        }
        byte[] given;
        try {
          given = Base64.getDecoder().decode(candidate.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return Verdict.VALID;
        }
      }
    }
    return Verdict.BAD_SIGNATURE;
  }

  /** One Mac per thread: looking the algorithm up among the providers cost more than the HMAC. */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private static byte[] hmac(String secret, String id, long timestamp, byte[] body) {
    try {
      Mac mac = MAC.get();
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] key(String secret) {
    String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
    return Base64.getDecoder().decode(encoded);
  }
}

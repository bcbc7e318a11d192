package vn.dossierpost.link;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Public tracking links {@code <base>/t/<token>}. A token is 160 bits of HMAC-SHA256, keyed
 * with a 256-bit secret drawn from a CSPRNG at first start, over the order id and a generation:
 * unguessable, never the item code or a sequential id, and the same each time it is printed or
 * sent, so a label reprinted next week carries the link the SMS did. Only its SHA-256 is
 * stored; a new generation revokes the old link.
 */
public final class TrackingLinks {

  /**
   * Tokens that still open a page (neither revoked nor expired), as a read-only relation for a
   * statement that joins them (as a derived table): {@code order_id}, {@code locked_until} (the
   * second factor is locked until then, or null), {@code token_hash} (SHA-256 of the token).
   */
  public static final String LIVE_TOKENS = LinkSql.LIVE_TOKENS;

  private static final String KEY_NAME = "tracking-links";
  private static final int TOKEN_BYTES = 20;

  private static final String ENSURE_KEY = """
      INSERT INTO service_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING
      """;
  private static final String READ_KEY = "SELECT secret FROM service_keys WHERE name = $1";
  private static final String REGISTER = """
      INSERT INTO tracking_tokens (token_hash, order_id, generation) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING
      """;
  private static final String RESOLVE = """
      SELECT order_id FROM tracking_tokens
      WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
      """;

  private final Pool pool;
  private final byte[] key;
  private final String base;

  private TrackingLinks(Pool pool, byte[] key, URI publicBase) {
    this.pool = pool;
    this.key = key;
    this.base = publicBase.toString().replaceAll("/+$", "");
  }

  /** Loads the service's link key, making it on the very first start. */
  public static Future<TrackingLinks> create(Pool pool, URI publicBase) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    return pool.preparedQuery(ENSURE_KEY).execute(Tuple.of(KEY_NAME, Buffer.buffer(fresh)))
        .compose(v -> pool.preparedQuery(READ_KEY).execute(Tuple.of(KEY_NAME)))
        .map(rows -> new TrackingLinks(pool, rows.iterator().next().getBuffer("secret").getBytes(),
            publicBase));
  }

  /** A links maker with a fixed key, for golden labels and tests. */
  public static TrackingLinks fixed(byte[] key, URI publicBase) {
    return new TrackingLinks(null, key.clone(), publicBase);
  }

  public String token(UUID orderId, int generation) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      ByteBuffer message = ByteBuffer.allocate(16 + 4);
      message.putLong(orderId.getMostSignificantBits()).putLong(orderId.getLeastSignificantBits())
          .putInt(generation);
      byte[] digest = mac.doFinal(message.array());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, TOKEN_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url(UUID orderId, int generation) {
    return base + "/t/" + token(orderId, generation);
  }

  /** Makes the link of this generation resolvable; inside the order's own transaction. */
  public Future<Void> register(SqlClient tx, UUID orderId, int generation) {
    return tx.preparedQuery(REGISTER)
        .execute(Tuple.of(Buffer.buffer(hash(token(orderId, generation))), orderId, generation))
        .mapEmpty();
  }

  /** What a token is stored as: its SHA-256; empty for anything that cannot be a token. */
  public static Optional<byte[]> storedForm(String token) {
    if (token == null || token.length() != 27 || !token.matches("[A-Za-z0-9_-]+")) {
      return Optional.empty();
    }
    return Optional.of(hash(token));
  }

  /** The order a token leads to; empty for unknown, expired and revoked tokens alike. */
  public Future<Optional<UUID>> resolve(String token) {
    Optional<byte[]> stored = storedForm(token);
    if (stored.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery(RESOLVE).execute(Tuple.of(Buffer.buffer(stored.get())))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getUUID("order_id")));
  }

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  static byte[] hash(String token) {
    return SHA256.get().digest(token.getBytes(StandardCharsets.US_ASCII));
  }

  /** Revokes every link of the order, in the caller's transaction. */
  public static Future<Void> revokeAll(SqlClient tx, UUID orderId) {
    return tx.preparedQuery(LinkSql.REVOKE_ALL).execute(Tuple.of(orderId)).mapEmpty();
  }

  /** The orders' live links stop working {@code ttl} from now, unless already set to. */
  public static Future<Void> expireAll(SqlClient tx, UUID[] orderIds, java.time.Duration ttl) {
    return tx.preparedQuery(LinkSql.EXPIRE).execute(Tuple.of(orderIds, ttl.toSeconds())).mapEmpty();
  }

  /** The second factor matched: the token's failure count starts again. */
  public static Future<Void> passedCheck(SqlClient client, byte[] stored) {
    return client.preparedQuery(LinkSql.PASSED_CHECK).execute(Tuple.of(Buffer.buffer(stored))).mapEmpty();
  }

  /**
   * The second factor failed once more; the token is locked for {@code lock} once it has failed
   * {@code maxFailures} times. Returns its failures so far.
   */
  public static Future<Integer> failedCheck(SqlClient client, byte[] stored, int maxFailures,
      java.time.Duration lock) {
    return client.preparedQuery(LinkSql.FAILED_CHECK)
        .execute(Tuple.of(Buffer.buffer(stored), maxFailures, lock.toSeconds()))
        .map(rows -> rows.iterator().next().getInteger(0));
  }
}

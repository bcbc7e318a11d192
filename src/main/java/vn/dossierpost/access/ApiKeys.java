package vn.dossierpost.access;

import io.vertx.core.Future;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import vn.dossierpost.http.Principal;
import vn.dossierpost.http.Role;

/**
 * API keys: 256 random bits shown once at creation, stored as SHA-256 (a fast hash is right for
 * keys this long: there is nothing to brute-force), looked up by that hash.
 */
public final class ApiKeys {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "dpk_";

  /** How long a looked-up key is trusted without asking the database again. */
  static final long CACHE_NANOS = 5_000_000_000L;
  private static final int CACHE_SIZE = 10_000;

  private final Pool pool;
  /**
   * Recent lookups by key hash (never the key itself), bounded. A revocation through this
   * process takes effect at once; through another instance, within five seconds.
   */
  private final Map<String, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();

  private record Cached(Optional<Principal> principal, long until) {
  }

  private ApiKeys(Pool pool) {
    this.pool = pool;
  }

  public static ApiKeys create(Pool pool) {
    return new ApiKeys(pool);
  }

  /** A key as created: the only moment its secret text exists outside the caller. */
  public record IssuedKey(UUID id, String key, Role role, String scope, String label) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("key", key).put("role", role.name())
          .put("scope", scope).put("label", label);
    }
  }

  public record KeyInfo(UUID id, String prefix, Role role, String scope, String label,
      OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("prefix", prefix)
          .put("role", role.name()).put("scope", scope).put("label", label)
          .put("createdAt", createdAt.toString())
          .put("revokedAt", revokedAt == null ? null : revokedAt.toString());
    }
  }

  public Future<Optional<Principal>> authenticate(String key) {
    if (!key.startsWith(PREFIX) || key.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    byte[] hash = hash(key);
    String cacheKey = java.util.HexFormat.of().formatHex(hash);
    Cached cached = recent.get(cacheKey);
    long now = System.nanoTime();
    if (cached != null && cached.until() - now > 0) {
      return Future.succeededFuture(cached.principal());
    }
    return pool.preparedQuery(AccessSql.FIND_KEY)
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> {
          Optional<Principal> principal = Optional.empty();
          if (rows.size() > 0) {
            Row row = rows.iterator().next();
            principal = Optional.of(new Principal(row.getUUID("id"),
                Role.valueOf(row.getString("role")), row.getString("scope")));
          }
          if (principal.isPresent()) {
            if (recent.size() >= CACHE_SIZE) {
              recent.clear();
            }
            recent.put(cacheKey, new Cached(principal, now + CACHE_NANOS));
          }
          return principal;
        });
  }

  public Future<IssuedKey> issue(Role role, String scope, String label) {
    return issue(Actor.system("setup", null), role, scope, label);
  }

  /** Issues a key, audited as {@code actor}'s by its id, role and scope (never the key). */
  public Future<IssuedKey> issue(Actor actor, Role role, String scope, String label) {
    String key = newKey();
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery(AccessSql.INSERT_KEY)
        .execute(Tuple.of(id, Buffer.buffer(hash(key)), key.substring(0, PREFIX.length() + 6),
            role.name(), scope, label))
        .compose(rows -> Audit.append(tx, AuditEntry.onSubject(actor, "key.issue", id.toString(),
            null, new JsonObject().put("role", role.name()).put("scope", scope)))))
        .map(v -> new IssuedKey(id, key, role, scope, label));
  }

  public Future<Boolean> revoke(Actor actor, UUID id) {
    return pool.withTransaction(tx -> tx.preparedQuery(AccessSql.REVOKE_KEY).execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(rows)
            : Audit.append(tx, AuditEntry.onSubject(actor, "key.revoke", id.toString(),
                new JsonObject().put("revoked", false), new JsonObject().put("revoked", true)))
                .map(rows)))
        .map(rows -> {
          recent.values().removeIf(c -> c.principal().map(p -> p.keyId().equals(id)).orElse(false));
          return rows.rowCount() > 0;
        });
  }

  public Future<List<KeyInfo>> list() {
    return pool.query(AccessSql.LIST_KEYS).execute().map(rows -> {
      List<KeyInfo> keys = new ArrayList<>();
      for (Row row : rows) {
        keys.add(new KeyInfo(row.getUUID("id"), row.getString("key_prefix"),
            Role.valueOf(row.getString("role")), row.getString("scope"), row.getString("label"),
            row.getOffsetDateTime("created_at"), row.getOffsetDateTime("revoked_at")));
      }
      return keys;
    });
  }

  static String newKey() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

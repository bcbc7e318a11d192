package vn.dossierpost.access;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.audit.Audit;
import vn.dossierpost.audit.AuditEntry;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.http.Problems;

/** Offices and the carriers' webhook secrets. */
public final class Offices {

  /**
   * Every office as a read-only relation, for a statement of another feature that joins offices
   * (as a derived table; PostgreSQL pulls it up): {@code code, name, address_line, commune_code,
   * province_code, phone, policy} (jsonb, read by {@link Policy#of}), {@code callback_url,
   * callback_secret, callback_disabled_at} (callbacks are off when the URL is null or disabled).
   */
  public static final String ROWS = AccessSql.ROWS;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;

  private Offices(Pool pool) {
    this.pool = pool;
  }

  public static Offices create(Pool pool) {
    return new Offices(pool);
  }

  /** The service's own changes (start-up, demo data, tests' set-up): audited as the system's. */
  private static final Actor SETUP = Actor.system("setup", null);

  /** Creates an office; the callback secret, if one is made, is returned only here. */
  public Future<Office> create(Office office, String callbackSecret) {
    return create(SETUP, office, callbackSecret);
  }

  /** As {@link #create(Office, String)}, audited as {@code actor}'s (never the secret). */
  public Future<Office> create(Actor actor, Office office, String callbackSecret) {
    return pool.withTransaction(tx -> tx.preparedQuery(AccessSql.INSERT_OFFICE)
        .execute(Tuple.from(new Object[] {office.code(), office.name(), office.address().line(),
            office.address().communeCode(), office.address().provinceCode(), office.phone(),
            office.callbackUrl(), callbackSecret}))
        .compose(rows -> Audit.append(tx, AuditEntry.onSubject(actor, "office.create",
            office.code(), null, office.toJson())))
        .map(v -> office))
        .recover(err -> err instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? Future.failedFuture(Problems.conflict("office-exists",
                "an office with code " + office.code() + " already exists"))
            : Future.failedFuture(err));
  }

  public Future<Optional<Office>> find(String code) {
    return pool.preparedQuery(AccessSql.FIND_OFFICE).execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(Office.from(rows.iterator().next())));
  }

  public Future<List<Office>> list() {
    return pool.query(AccessSql.LIST_OFFICES).execute().map(rows -> {
      List<Office> offices = new ArrayList<>();
      for (Row row : rows) {
        offices.add(Office.from(row));
      }
      return offices;
    });
  }

  /** Points the office's callbacks at {@code url} with a new secret, switched back on. */
  public Future<Boolean> setCallback(String code, String url, String secret) {
    return setCallback(SETUP, code, url, secret);
  }

  /**
   * Sets the office's policy, audited; {@code keepUnits}: the serving postal units stay as stored.
   * The policy as stored, or empty when there is no such office.
   */
  public Future<Optional<Policy>> setPolicy(Actor actor, String code, JsonObject policy,
      boolean keepUnits) {
    return pool.withTransaction(tx -> tx.preparedQuery(AccessSql.LOCK_OFFICE).execute(Tuple.of(code))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<Policy>empty());
          }
          Office office = Office.from(rows.iterator().next());
          return tx.preparedQuery(AccessSql.SET_POLICY).execute(Tuple.of(code, policy, keepUnits))
              .compose(set -> {
                Policy stored = Policy.of(set.iterator().next().getJsonObject("policy"));
                return Audit.append(tx, AuditEntry.onSubject(actor, "office.policy", code,
                        new JsonObject().put("policy", office.policy()),
                        new JsonObject().put("policy", stored.toJson())))
                    .map(Optional.of(stored));
              });
        }));
  }

  /** Adds postal units to those that serve the office (collection and delivery); set-up only. */
  public Future<Boolean> addServingUnits(String code, Collection<String> units) {
    return pool.preparedQuery(AccessSql.ADD_SERVING_UNITS)
        .execute(Tuple.tuple().addString(code).addArrayOfString(units.toArray(new String[0])))
        .map(rows -> rows.rowCount() > 0);
  }

  /** As {@link #setCallback(String, String, String)}, audited (the URL, never the secret). */
  public Future<Boolean> setCallback(Actor actor, String code, String url, String secret) {
    return changeOffice(actor, "office.callback", code,
        tx -> tx.preparedQuery(AccessSql.SET_CALLBACK).execute(Tuple.of(code, url, secret)),
        office -> new JsonObject().put("callbackUrl", office.callbackUrl()),
        new JsonObject().put("callbackUrl", url));
  }

  /** Locks the office, changes it and audits before → after; false when there is no such office. */
  private Future<Boolean> changeOffice(Actor actor, String action, String code,
      Function<SqlConnection, Future<?>> change, Function<Office, JsonObject> before,
      JsonObject after) {
    return pool.withTransaction(tx -> tx.preparedQuery(AccessSql.LOCK_OFFICE).execute(Tuple.of(code))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Office office = Office.from(rows.iterator().next());
          return change.apply(tx).compose(v -> Audit.append(tx,
              AuditEntry.onSubject(actor, action, code, before.apply(office), after))).map(true);
        }));
  }

  /** A new Standard Webhooks secret for a carrier that pushes events to us. */
  public Future<String> newWebhookSecret(String carrier) {
    return newWebhookSecret(SETUP, carrier);
  }

  /** As {@link #newWebhookSecret(String)}, audited by the secret's id (never the secret). */
  public Future<String> newWebhookSecret(Actor actor, String carrier) {
    String secret = newSecret();
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery(AccessSql.INSERT_WEBHOOK_SECRET)
        .execute(Tuple.of(id, carrier, secret))
        .compose(rows -> Audit.append(tx, AuditEntry.onSubject(actor, "webhook-secret.create",
            carrier, null, new JsonObject().put("secretId", id.toString()))))
        .map(v -> secret));
  }

  public Future<List<String>> webhookSecrets(String carrier) {
    return pool.preparedQuery(AccessSql.ACTIVE_WEBHOOK_SECRETS).execute(Tuple.of(carrier))
        .map(rows -> {
          List<String> secrets = new ArrayList<>();
          rows.forEach(row -> secrets.add(row.getString("secret")));
          return secrets;
        });
  }

  /** {@code whsec_} and 32 random bytes in base64, as Standard Webhooks expects. */
  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }

  /** Those of {@code codes} whose callbacks are on, read in the caller's transaction. */
  public static Future<Set<String>> withCallbacks(SqlClient tx, Collection<String> codes) {
    return tx.preparedQuery(AccessSql.WITH_CALLBACKS)
        .execute(Tuple.tuple().addArrayOfString(codes.toArray(new String[0])))
        .map(rows -> {
          Set<String> on = new HashSet<>();
          rows.forEach(row -> on.add(row.getString("code")));
          return on;
        });
  }

  /** Switches the office's callbacks off until an admin sets a URL again. */
  public Future<Void> disableCallbacks(String code) {
    return pool.preparedQuery(AccessSql.DISABLE_CALLBACKS).execute(Tuple.of(code)).mapEmpty();
  }
}

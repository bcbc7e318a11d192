package vn.dossierpost.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} (IETF draft): the first request with a key reserves it; the work then
 * completes the reservation in its own transaction with the response to replay. A retry with the
 * same key and body gets that response; with another body, 422; while the first is still
 * running, 409. A reservation whose holder crashed is taken over after its lock expires.
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");
  private static final int LOCK_SECONDS = 30;

  private static final String RESERVE = """
      INSERT INTO idempotency_keys (scope, key, request_hash, state, locked_until)
      VALUES ($1, $2, $3, 'IN_FLIGHT', now() + make_interval(secs => $4))
      ON CONFLICT (scope, key) DO NOTHING
      """;
  private static final String FIND = """
      SELECT request_hash, state, locked_until > now() AS locked, response_status, response_body
      FROM idempotency_keys WHERE scope = $1 AND key = $2
      """;
  private static final String TAKE_OVER = """
      UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $3)
      WHERE scope = $1 AND key = $2 AND state = 'IN_FLIGHT' AND locked_until <= now()
      """;
  private static final String COMPLETE = """
      UPDATE idempotency_keys SET state = 'DONE', locked_until = NULL, response_status = $3,
                                  response_body = $4
      WHERE scope = $1 AND key = $2
      """;
  private static final String RELEASE = """
      DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'IN_FLIGHT'
      """;
  private static final String PURGE = """
      DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)
      """;

  private final Pool pool;

  private Idempotency(Pool pool) {
    this.pool = pool;
  }

  public static Idempotency create(Pool pool) {
    return new Idempotency(pool);
  }

  /** The outcome of reserving a key: go ahead, or replay what the first request answered. */
  public record Reservation(String scope, String key, Integer replayStatus, JsonObject replayBody) {
    public boolean isReplay() {
      return replayStatus != null;
    }
  }

  /** Reads and checks the header; missing, empty or malformed is a 400. */
  public static String requireKey(io.vertx.ext.web.RoutingContext ctx) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      throw Problems.badRequest("idempotency-key-missing",
          "this request requires an Idempotency-Key header");
    }
    // The draft's key is a structured-field string: "" is an empty key, not a two-character one.
    if (key.isBlank() || key.strip().matches("^\"\\s*\"$")) {
      throw Problems.badRequest("idempotency-key-empty",
          "Idempotency-Key must not be empty; send a fresh unique value per request");
    }
    if (!KEY.matcher(key).matches()) {
      throw Problems.badRequest("idempotency-key-invalid",
          "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    return key;
  }

  public Future<Reservation> reserve(String scope, String key, byte[] fingerprint) {
    return pool.preparedQuery(RESERVE)
        .execute(Tuple.of(scope, key, Buffer.buffer(fingerprint), (double) LOCK_SECONDS))
        .compose(rows -> rows.rowCount() == 1
            ? Future.succeededFuture(new Reservation(scope, key, null, null))
            : existing(scope, key, fingerprint));
  }

  private Future<Reservation> existing(String scope, String key, byte[] fingerprint) {
    return pool.preparedQuery(FIND).execute(Tuple.of(scope, key)).compose(rows -> {
      if (rows.size() == 0) {
        // released between our insert and this read: try once more from the start
        return reserve(scope, key, fingerprint);
      }
      Row row = rows.iterator().next();
      if (!Arrays.equals(row.getBuffer("request_hash").getBytes(), fingerprint)) {
        return Future.failedFuture(Problem.of(422, "idempotency-key-reused", "Idempotency key reused",
            "this Idempotency-Key was used with a different request body").exception());
      }
      if ("DONE".equals(row.getString("state"))) {
        return Future.succeededFuture(new Reservation(scope, key, row.getInteger("response_status"),
            (JsonObject) row.getValue("response_body")));
      }
      if (Boolean.TRUE.equals(row.getBoolean("locked"))) {
        return Future.failedFuture(inFlight());
      }
      return pool.preparedQuery(TAKE_OVER).execute(Tuple.of(scope, key, (double) LOCK_SECONDS))
          .compose(taken -> taken.rowCount() == 1
              ? Future.succeededFuture(new Reservation(scope, key, null, null))
              : Future.failedFuture(inFlight()));
    });
  }

  private static ProblemException inFlight() {
    return Problem.of(409, "idempotency-key-in-flight", "Request in progress",
            "a request with this Idempotency-Key is still being processed; retry shortly")
        .withHeader("Retry-After", "1").exception();
  }

  /** Stores the response to replay, inside the transaction that did the work. */
  public static Future<Void> complete(SqlClient tx, Reservation reservation, int status,
      JsonObject body) {
    return tx.preparedQuery(COMPLETE)
        .execute(Tuple.of(reservation.scope(), reservation.key(), status, body)).mapEmpty();
  }

  /** Frees the key after the work failed, so that nothing of the request remains. */
  public Future<Void> release(Reservation reservation) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(reservation.scope(), reservation.key()))
        .mapEmpty();
  }

  public Future<Integer> purgeOlderThanHours(int hours) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(hours)).map(rows -> rows.rowCount());
  }
}

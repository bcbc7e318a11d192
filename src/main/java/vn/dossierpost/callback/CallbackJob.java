package vn.dossierpost.callback;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dossierpost.access.Offices;
import vn.dossierpost.db.Coalescer;
import vn.dossierpost.db.Unnest;
import vn.dossierpost.http.StandardWebhooks;
import vn.dossierpost.outbox.ClaimedJob;
import vn.dossierpost.outbox.JobHandler;
import vn.dossierpost.outbox.JobResult;
import vn.dossierpost.outbox.RetryPolicy;

/**
 * Delivers one callback, signed per Standard Webhooks with the office's secret. 2xx: done.
 * 410 Gone: the office no longer wants callbacks; they are switched off until an admin sets a
 * URL again. A URL the service may not call ({@link CallbackTarget}: not https, or a host with a
 * loopback, private or other non-public address) fails the job for good, with the reason in the
 * delivery log. Anything else: retried with exponential backoff and jitter for up to three days.
 * Every try is written to the delivery log.
 */
public final class CallbackJob implements JobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(CallbackJob.class);
  /** Backoff from {@code base} doubling to an hour; given up on after three days. */
  public static RetryPolicy policy(Duration base) {
    return new RetryPolicy(10_000, base, Duration.ofHours(1), Duration.ofDays(3));
  }

  /** One try, for the delivery log. */
  private record Delivery(long outboxId, String office, java.util.UUID orderId, String webhookId,
      int attempt, Integer status, String error, int millis) {
  }

  private final Pool pool;
  private final Offices offices;
  private final CallbackTarget target;
  private final Duration timeout;
  private final RetryPolicy policy;
  private final Coalescer<Delivery> log;

  CallbackJob(Pool pool, Offices offices, CallbackTarget target, Duration timeout,
      Duration retryBase) {
    this.pool = pool;
    this.offices = offices;
    this.target = target;
    this.timeout = timeout;
    this.policy = policy(retryBase);
    this.log = new Coalescer<>(this::logDeliveries, 1_000, 100_000);
  }

  private Future<?> logDeliveries(List<Delivery> tries) {
    return pool.preparedQuery(CallbackSql.LOG_DELIVERIES).execute(Unnest.of(tries)
        .longs(Delivery::outboxId).strings(Delivery::office).uuids(Delivery::orderId)
        .strings(Delivery::webhookId).integers(Delivery::attempt).integers(Delivery::status).strings(Delivery::error)
        .integers(Delivery::millis).tuple());
  }

  @Override
  public RetryPolicy policy() {
    return policy;
  }

  @Override
  public Future<JobResult> handle(ClaimedJob job) {
    return pool.preparedQuery(CallbackSql.TARGET).execute(Tuple.of(job.orderId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(JobResult.fail("order " + job.orderId() + " is gone"));
      }
      Row office = rows.iterator().next();
      String url = office.getString("callback_url");
      if (url == null || office.getOffsetDateTime("callback_disabled_at") != null) {
        return Future.succeededFuture(JobResult.fail("callbacks are switched off for office "
            + office.getString("code")));
      }
      return send(job, office.getString("code"), url, office.getString("callback_secret"));
    });
  }

  private Future<JobResult> send(ClaimedJob job, String office, String url, String secret) {
    String webhookId = job.payload().getString("webhookId");
    Buffer body = job.payload().toBuffer();
    long timestamp = System.currentTimeMillis() / 1000;
    long start = System.nanoTime();
    return target.post(url).compose(request -> request
        .timeout(timeout.toMillis())
        .putHeader("Content-Type", "application/json")
        .putHeader("User-Agent", "dossier-post")
        .putHeader("webhook-id", webhookId)
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", StandardWebhooks.sign(secret, webhookId, timestamp, body.getBytes()))
        .sendBuffer(body))
        .transform(ar -> {
          int millis = (int) ((System.nanoTime() - start) / 1_000_000);
          Integer status = ar.succeeded() ? ar.result().statusCode() : null;
          String error = ar.cause() instanceof CallbackTarget.Refused ? ar.cause().getMessage()
              : ar.failed() ? ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage()
              : status / 100 == 2 ? null : "HTTP " + status;
          Future<JobResult> outcome;
          if (status != null && status / 100 == 2) {
            outcome = Future.succeededFuture(JobResult.done());
          } else if (ar.cause() instanceof CallbackTarget.Refused refused) {
            LOG.warn("event=callback_refused office={} reason=\"{}\"", office, refused.getMessage());
            outcome = Future.succeededFuture(JobResult.fail(refused.getMessage()));
          } else if (status != null && status == 410) {
            LOG.warn("event=callbacks_disabled office={} reason=410", office);
            outcome = offices.disableCallbacks(office)
                .map(v -> JobResult.fail("the receiver answered 410 Gone: callbacks switched off"));
          } else {
            outcome = Future.succeededFuture(JobResult.retry(error));
          }
          return log.submit(new Delivery(job.id(), office, job.orderId(), webhookId, job.attempt(), status,
                  error, millis)).compose(v -> outcome);
        });
  }
}

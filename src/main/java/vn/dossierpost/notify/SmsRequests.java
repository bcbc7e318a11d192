package vn.dossierpost.notify;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;
import vn.dossierpost.tracking.StatusChange;
import vn.dossierpost.tracking.StatusListener;

/**
 * Every status change of an order whose citizen wants SMS, to a milestone that has a message,
 * becomes an SMS job, written in the transaction of the change; the job decides which message
 * the milestone deserves by then (and whether it is still worth sending).
 */
public final class SmsRequests implements StatusListener {

  public static final String JOB = "sms.send";

  @Override
  public Future<Void> onChanges(SqlConnection tx, List<StatusChange> changes) {
    List<Job> jobs = new ArrayList<>();
    for (StatusChange change : changes) {
      if (change.order().notifySms() && SmsTemplates.hasMessage(change.order().leg(), change.to())) {
        JsonObject payload = new JsonObject().put("from", change.from().name())
            .put("to", change.to().name()).put("sequence", change.sequence());
        if (change.cause() != null) {
          payload.put("eventId", change.cause().id()).put("occurredAt", change.cause().occurredAt().toString());
        }
        jobs.add(job(change.order().id(), payload));
      }
    }
    return enqueue(tx, jobs);
  }

  /** An SMS job of one order: jobs of an order run in order, one at a time. */
  public static Job job(java.util.UUID orderId, JsonObject payload) {
    return Job.of(JOB, orderId, payload).orderedBy("sms:" + orderId);
  }

  /**
   * The line an SMS job of the order waits in through quiet hours, out of the order's own: the
   * messages held overnight keep their order among themselves, and hold up no urgent one.
   */
  static String waitingKey(java.util.UUID orderId) {
    return "sms-waiting:" + orderId;
  }

  /**
   * The SMS of a desk's step on a dossier ({@link SmsTemplates#dossierMessage}), sent on its
   * leg {@code legId} (its phone, its tracking link), in the caller's transaction. Each step
   * sends once per leg and {@code occurrence}: a repeated supplement request is a new one.
   */
  public static Future<Void> dossierStep(SqlClient tx, java.util.UUID legId, String step,
      java.time.LocalDate appointment, int documents, String occurrence) {
    JsonObject payload = new JsonObject().put("dossierStep", step)
        .put("appointment", appointment == null ? null : appointment.toString())
        .put("documents", documents).put("occurrence", occurrence);
    return enqueue(tx, List.of(job(legId, payload)));
  }

  /** Writes SMS jobs in the caller's transaction. */
  public static Future<Void> enqueue(SqlClient tx, List<Job> jobs) {
    return Outbox.enqueueAll(tx, jobs);
  }
}

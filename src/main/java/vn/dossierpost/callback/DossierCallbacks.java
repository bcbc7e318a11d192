package vn.dossierpost.callback;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import vn.dossierpost.access.Offices;
import vn.dossierpost.outbox.Job;
import vn.dossierpost.outbox.Outbox;

/**
 * A dossier's step (a desk's step, or one its legs made) as a callback to the office's one-stop
 * system: {@code type} {@code dossier.step} (tracking-contracts/callbacks.md). It travels in the
 * line of one of the dossier's legs, so that it reaches the receiver in order with that leg's
 * own status changes, signed and retried like them.
 */
public final class DossierCallbacks {

  private DossierCallbacks() {
  }

  /** What a dossier step says; {@code legId} is the leg whose line carries it. */
  public record Step(String office, UUID legId, UUID dossierId, String dossierCode,
      String procedureCode, String mode, String step, String from, String to,
      String appointmentDate) {
  }

  /** Writes the callbacks of {@code steps} in the caller's transaction, for subscribed offices. */
  public static Future<Void> enqueue(SqlConnection tx, List<Step> steps) {
    if (steps.isEmpty()) {
      return Future.succeededFuture();
    }
    Set<String> offices = new java.util.HashSet<>();
    steps.forEach(s -> offices.add(s.office()));
    return Offices.withCallbacks(tx, offices).compose(subscribed -> Outbox.enqueueAll(tx,
        steps.stream().filter(s -> subscribed.contains(s.office()))
            .map(s -> Job.of(CallbackListener.JOB, s.legId(), payload(s))
                .orderedBy("callback:" + s.legId()))
            .toList()));
  }

  static JsonObject payload(Step s) {
    return new JsonObject()
        .put("webhookId", "msg_" + UUID.randomUUID().toString().replace("-", ""))
        .put("type", "dossier.step")
        .put("dossierId", s.dossierId().toString())
        .put("officeCode", s.office())
        .put("dossierCode", s.dossierCode())
        .put("procedureCode", s.procedureCode())
        .put("mode", s.mode())
        .put("step", s.step())
        .put("from", s.from())
        .put("to", s.to())
        .put("appointmentDate", s.appointmentDate())
        .put("changedAt", OffsetDateTime.now().toString());
  }
}

package vn.dossierpost.courier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import vn.dossierpost.audit.Actor;
import vn.dossierpost.calendar.WorkingCalendar;
import vn.dossierpost.order.Order;
import vn.dossierpost.tracking.TrackingIngest;

/**
 * The desk's receipt of a collected PICKUP leg (re-tally against the pickup list, seal, fee
 * handed over), for a feature that receives it as part of its own step: the dossier's receive.
 */
public final class DeskReceipts {

  /** The outcome; {@code discrepancies} is null when the leg had been received before. */
  public record Outcome(boolean match, List<String> discrepancies, Order order) {
  }

  private final ReceiptService receipts;

  public DeskReceipts(Pool pool, TrackingIngest ingest, WorkingCalendar calendar) {
    this.receipts = new ReceiptService(pool, ingest, calendar);
  }

  /** Reads a receipt body as {@code POST /api/v1/orders/{id}/receive} does (422 otherwise). */
  public static Receipt read(JsonObject body) {
    return ReceiptValidator.read(body);
  }

  /** Receives the office's PICKUP leg {@code legId} in the caller's transaction. */
  public Future<Outcome> receive(SqlConnection tx, Actor desk, String office, UUID legId,
      Receipt receipt) {
    return receipts.receiveIn(tx, desk, office, legId, receipt)
        .map(r -> new Outcome(r.match(), r.discrepancies(), r.order()));
  }
}

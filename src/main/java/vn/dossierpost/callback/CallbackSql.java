package vn.dossierpost.callback;

import vn.dossierpost.access.Offices;
import vn.dossierpost.order.Orders;
import vn.dossierpost.outbox.Outbox;

/**
 * Every statement about the delivery log, and those that join a callback job with its order or
 * office over the relations their owners publish (PostgreSQL pulls the derived tables up: the
 * plans are those of the joins of the tables themselves).
 */
final class CallbackSql {

  private CallbackSql() {
  }

  /** Where the callbacks of an order's office go; no row when the order is gone. */
  static final String TARGET = """
      SELECT o.code, o.callback_url, o.callback_secret, o.callback_disabled_at
      FROM (%s) r JOIN (%s) o ON o.code = r.office_code WHERE r.id = $1
      """.formatted(Orders.ROWS, Offices.ROWS);

  /** Tries logged together, one row of the arrays each, in the order they ended. */
  static final String LOG_DELIVERIES = """
      INSERT INTO callback_deliveries (outbox_id, office_code, order_id, webhook_id, attempt,
                                       status_code, error, duration_ms)
      SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::int[],
                           $7::text[], $8::int[])
      """;

  /** A page of the office's tries, newest first, with the state of their job now. */
  static final String LOG = """
      SELECT d.id, d.outbox_id, d.order_id, d.webhook_id, d.attempt, d.status_code, d.error,
             d.duration_ms, d.at, o.status AS job_status
      FROM callback_deliveries d LEFT JOIN (%s) o ON o.id = d.outbox_id
      WHERE d.office_code = $1 AND ($2::uuid IS NULL OR d.order_id = $2) AND d.id < $3
      ORDER BY d.id DESC LIMIT $4
      """.formatted(Outbox.JOBS);

  /** A callback job of one of the office's orders. */
  static final String JOB = """
      SELECT o.id, o.status, o.payload, o.order_id FROM (%s) o JOIN (%s) r ON r.id = o.order_id
      WHERE o.id = $1 AND o.kind = 'callback.send' AND r.office_code = $2
      """.formatted(Outbox.JOBS, Orders.ROWS);
}

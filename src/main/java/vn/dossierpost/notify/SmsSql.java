package vn.dossierpost.notify;

/** The SMS job's statements about the messages it sends. */
final class SmsSql {

  private SmsSql() {
  }

  /**
   * What became of an earlier run of this job ($2, its outbox id) and the messages already
   * counted against the caps: those of the order ($1) and those to the phone ($4) since $3.
   */
  static final String SENT = """
      SELECT (SELECT status FROM sms_messages WHERE outbox_id = $2) AS previous,
             (SELECT count(*) FROM sms_messages m WHERE m.order_id = $1
                AND m.status IN ('SENDING', 'SENT', 'DELIVERED') AND m.outbox_id <> $2) AS sent_for_order,
             to_phone.sent_to_phone, to_phone.first_to_phone
      FROM (SELECT count(*) AS sent_to_phone, min(attempted_at) AS first_to_phone
            FROM sms_messages m WHERE m.phone = $4
              AND m.status IN ('SENDING', 'SENT', 'DELIVERED') AND m.attempted_at > $3
              AND m.outbox_id <> $2) to_phone
      """;

  /** Messages recorded together, one row of the arrays each (the job's outbox id is unique). */
  static final String RECORD = """
      INSERT INTO sms_messages (outbox_id, order_id, phone, template, body, gateway, status, reason)
      SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                           $7::text[], $8::text[])
      ON CONFLICT (outbox_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
        body = EXCLUDED.body, attempted_at = now()
      """;

  /** Outcomes marked together, one row of the arrays each. */
  static final String MARK = """
      UPDATE sms_messages m SET status = u.status, reason = u.reason, gateway_ref = u.ref,
        sent_at = CASE WHEN u.status = 'SENT' THEN now() ELSE m.sent_at END
      FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(outbox_id, status, reason, ref)
      WHERE m.outbox_id = u.outbox_id
      """;

  /** A gateway receipt: a delivered message stays delivered, a failed one says why. */
  /** Records a receipt; answers the message's order and its status before and after. */
  static final String RECEIPT = """
      WITH old AS (
        SELECT id, status, receipt_status FROM sms_messages
        WHERE (outbox_id = $1 OR ($1 IS NULL AND gateway_ref = $2)) FOR UPDATE)
      UPDATE sms_messages m SET receipt_status = $3, receipt_at = $4,
        status = CASE WHEN $3 = 'DELIVERED' THEN 'DELIVERED'
                      WHEN m.status IN ('SENT', 'SENDING') THEN 'FAILED' ELSE m.status END,
        reason = CASE WHEN $3 = 'DELIVERED' THEN m.reason ELSE 'receipt: ' || $3 END
      FROM old WHERE m.id = old.id
      RETURNING m.outbox_id, m.order_id, old.status AS status_before,
                old.receipt_status AS receipt_before, m.status, m.receipt_status
      """;
}

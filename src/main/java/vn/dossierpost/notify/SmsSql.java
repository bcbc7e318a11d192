package vn.dossierpost.notify;

/** The SMS job's statements about the messages it sends. */
final class SmsSql {

  private SmsSql() {
  }

  /**
   * What became of an earlier run of this job ($2, its outbox id); whether the job holds its
   * milestone ($5; null: the status has no message), claiming it at link generation $6 if no
   * job has, or, for the message a phone correction sends again ($7), if the milestone was
   * told to an earlier number (a job that holds its milestone and has not finished brings the
   * generation up to date: it sends to the number of now); whether a later job of the order ($1) has sent its
   * message already; and the messages counted against the caps: those of the order and those
   * to the phone ($4) since $3.
   */
  static final String SENT = """
      WITH claimed AS (
        INSERT INTO sms_milestones (order_id, milestone, outbox_id, link_generation)
        SELECT $1, $5, $2, $6 WHERE $5::text IS NOT NULL
        ON CONFLICT (order_id, milestone) DO UPDATE
          SET outbox_id = EXCLUDED.outbox_id, link_generation = EXCLUDED.link_generation,
              claimed_at = now()
          WHERE (sms_milestones.outbox_id = EXCLUDED.outbox_id AND NOT EXISTS (
                  SELECT 1 FROM sms_messages f WHERE f.outbox_id = $2 AND f.status <> 'SENDING'))
             OR ($7::boolean AND sms_milestones.link_generation < EXCLUDED.link_generation)
        RETURNING outbox_id
      )
      SELECT (SELECT status FROM sms_messages WHERE outbox_id = $2) AS previous,
             ($5::text IS NULL OR EXISTS (SELECT 1 FROM claimed)) AS holds_milestone,
             EXISTS (SELECT 1 FROM sms_messages m WHERE m.order_id = $1 AND m.outbox_id > $2
                       AND m.status IN ('SENDING', 'SENT', 'DELIVERED')) AS later_sent,
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
  static final String RECEIPT = """
      UPDATE sms_messages SET receipt_status = $3, receipt_at = $4,
        status = CASE WHEN $3 = 'DELIVERED' THEN 'DELIVERED'
                      WHEN status IN ('SENT', 'SENDING') THEN 'FAILED' ELSE status END,
        reason = CASE WHEN $3 = 'DELIVERED' THEN reason ELSE 'receipt: ' || $3 END
      WHERE (outbox_id = $1 OR ($1 IS NULL AND gateway_ref = $2))
      RETURNING outbox_id
      """;
}

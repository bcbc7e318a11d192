package vn.dossierpost.notify;

/** The SMS job's statements about the messages it sends. */
final class SmsSql {

  private SmsSql() {
  }

  /**
   * What became of an earlier run of this job ($2, its outbox id), whether a later job of the
   * order ($1) has sent its message already, and the messages counted against the caps: those
   * of the order and those to the phone ($4) since $3.
   */
  static final String SENT = """
      SELECT (SELECT status FROM sms_messages WHERE outbox_id = $2) AS previous,
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

  /**
   * Messages recorded together, one row of the arrays each (the job's outbox id is unique),
   * each claiming its milestone ($9, null for none) for the order: the first job of a
   * milestone holds it, whatever became of its message; the message a phone correction sends
   * again ($11 = 1) takes it over if it was told at an earlier link generation ($10) than
   * now, that is to an earlier number. A message to be sent (SENDING) whose job does not hold
   * its milestone is recorded SUPPRESSED instead; the answer says which. Of two jobs claiming
   * one milestone in one statement, the older holds it.
   */
  static final String RECORD = """
      WITH u AS (
        SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                             $7::text[], $8::text[], $9::text[], $10::int[], $11::int[])
          AS u(outbox_id, order_id, phone, template, body, gateway, status, reason, milestone,
               link_generation, again)
      ), claimed AS (
        INSERT INTO sms_milestones (order_id, milestone, outbox_id, link_generation)
        SELECT DISTINCT ON (u.order_id, u.milestone) u.order_id, u.milestone, u.outbox_id, u.link_generation
        FROM u WHERE u.milestone IS NOT NULL
        ORDER BY u.order_id, u.milestone, u.outbox_id
        ON CONFLICT (order_id, milestone) DO UPDATE
          SET outbox_id = EXCLUDED.outbox_id, link_generation = EXCLUDED.link_generation,
              claimed_at = now()
          WHERE sms_milestones.outbox_id = EXCLUDED.outbox_id
             OR (sms_milestones.link_generation < EXCLUDED.link_generation
                 AND EXISTS (SELECT 1 FROM u WHERE u.outbox_id = EXCLUDED.outbox_id AND u.again = 1))
        RETURNING outbox_id
      ), decided AS (
        SELECT u.*, u.status = 'SENDING' AND u.milestone IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM claimed c WHERE c.outbox_id = u.outbox_id) AS repeat
        FROM u
      )
      INSERT INTO sms_messages (outbox_id, order_id, phone, template, body, gateway, status, reason)
      SELECT d.outbox_id, d.order_id, d.phone, d.template, d.body, d.gateway,
             CASE WHEN d.repeat THEN 'SUPPRESSED' ELSE d.status END,
             CASE WHEN d.repeat THEN 'milestone already messaged' ELSE d.reason END
      FROM decided d
      ON CONFLICT (outbox_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
        body = EXCLUDED.body, attempted_at = now()
      RETURNING outbox_id, status
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

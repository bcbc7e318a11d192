package vn.dossierpost.outbox;

/** Every statement about the outbox table. */
final class OutboxSql {

  private OutboxSql() {
  }

  static final String ENQUEUE = """
      INSERT INTO outbox (kind, order_id, ordering_key, payload, next_attempt_at)
      VALUES ($1, $2, $3, $4, coalesce($5, now()))
      RETURNING id
      """;

  /** Many jobs in one statement, one row of the arrays each, written (and numbered) in order. */
  static final String ENQUEUE_MANY = """
      INSERT INTO outbox (kind, order_id, ordering_key, payload, next_attempt_at)
      SELECT u.kind, u.order_id, u.ordering_key, u.payload::jsonb, coalesce(u.not_before, now())
      FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
           WITH ORDINALITY AS u(kind, order_id, ordering_key, payload, not_before, n)
      ORDER BY u.n
      """;

  /**
   * Run before {@link #CLAIM}, in its transaction, so that the claim walks
   * {@code outbox_due_by_kind} in order even when the queue's statistics lag far behind a burst
   * (docs/decisions.md, D4; {@code OutboxClaimPlanTest}).
   */
  static final String CLAIM_PLAN =
      "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off";

  /**
   * Due, of a kind this worker runs, unleased (or lease expired: a crashed worker) and first in
   * line of its ordering key. Each kind is read by its own walk of {@code outbox_due_by_kind},
   * which yields that kind's jobs already in order, so the walk stops after {@code $2} rows
   * however long the backlog is (a filter on several kinds at once sorted every pending job: D4).
   * Only the {@code $2} jobs chosen across the kinds are locked, not every kind's {@code $2}
   * candidates (each row lock is a write); SKIP LOCKED lets several workers and processes claim
   * side by side without duplicates, and the lock re-checks status and lease on the row's latest
   * version. First in line needs no lock: a job stays PENDING until its outcome is recorded, so
   * the next of its key is not a candidate before that commit. The chosen ids are looked up as
   * an array, so that the lock and the update find them by the primary key whatever the
   * statistics (joined instead, a stale plan scanned the whole key for each of them).
   */
  static final String CLAIM = """
      WITH candidates AS (
        SELECT c.id FROM unnest($4::text[]) AS k(kind)
        CROSS JOIN LATERAL (
          SELECT o.id, o.next_attempt_at FROM outbox o
          WHERE o.status = 'PENDING' AND o.kind = k.kind AND o.next_attempt_at <= now()
            AND (o.lease_until IS NULL OR o.lease_until < now())
            AND (o.ordering_key IS NULL OR NOT EXISTS (
                  SELECT 1 FROM outbox p
                  WHERE p.ordering_key = o.ordering_key AND p.status = 'PENDING' AND p.id < o.id))
          ORDER BY o.next_attempt_at, o.id
          LIMIT $2
        ) c
        ORDER BY c.next_attempt_at, c.id
        LIMIT $2
      ), due AS (
        SELECT o.id FROM outbox o
        WHERE o.id = ANY (ARRAY(SELECT id FROM candidates))
          AND o.status = 'PENDING' AND (o.lease_until IS NULL OR o.lease_until < now())
        FOR UPDATE SKIP LOCKED
      )
      UPDATE outbox SET lease_owner = $1,
                        lease_until = now() + make_interval(secs => $3),
                        attempts = attempts + 1,
                        updated_at = now()
      WHERE outbox.id = ANY (ARRAY(SELECT id FROM due)) AND outbox.status = 'PENDING'
      RETURNING outbox.id, outbox.kind, outbox.order_id, outbox.payload, outbox.attempts,
                outbox.created_at,
                greatest(0, extract(epoch FROM now() - outbox.next_attempt_at))::float8 AS lag_seconds
      """;

  /**
   * Run first in the transactions that lease jobs and mark them done: their commits do not wait
   * for a WAL flush of their own (the next flush of any commit carries them, within
   * {@code wal_writer_delay}). Jobs are delivered at least once, and their handlers are made to
   * be run twice (callbacks keep their webhook-id, an SMS is looked up by its job), so losing
   * the last lease or done mark in a crash only runs a job again (D5).
   */
  static final String NO_FLUSH = "SET LOCAL synchronous_commit = off";

  /** The queue's statistics, brought up to date (see {@link OutboxWorker}). */
  static final String ANALYZE_QUEUE = "ANALYZE outbox_queue";

  /**
   * Jobs done, many at once: one row of the arrays (id, lease owner) per job, each recorded only
   * while its worker still holds the lease. Each row moves to the finished jobs' partition. The
   * ids are also given as an array, and the status names the queue's partition, so that the
   * rows are looked up in the queue alone whatever its statistics say (see {@link #CLAIM_PLAN}):
   * joined only, a plan made on statistics of an empty queue read the whole queue and every
   * finished job of the week for each statement.
   */
  static final String DONE_MANY = """
      UPDATE outbox o SET status = 'DONE', done_at = now(), lease_owner = NULL, lease_until = NULL,
                          last_error = NULL, updated_at = now()
      FROM unnest($1::bigint[], $2::text[]) AS d(id, owner)
      WHERE o.id = ANY ($1::bigint[]) AND o.status = 'PENDING'
        AND o.id = d.id AND o.lease_owner = d.owner
      """;

  static final String RETRY = """
      UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $3), lease_owner = NULL,
                        lease_until = NULL, last_error = $4, updated_at = now()
      WHERE id = $1 AND lease_owner = $2
      """;

  static final String DEFER = """
      UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $3), lease_owner = NULL,
                        lease_until = NULL, last_error = $4, attempts = greatest(attempts - 1, 0),
                        updated_at = now()
      WHERE id = $1 AND lease_owner = $2
      """;

  /** As {@link #DEFER}, the job moved to the line of another ordering key ($5). */
  static final String DEFER_ASIDE = """
      UPDATE outbox SET next_attempt_at = now() + make_interval(secs => $3), lease_owner = NULL,
                        lease_until = NULL, last_error = $4, attempts = greatest(attempts - 1, 0),
                        ordering_key = $5, updated_at = now()
      WHERE id = $1 AND lease_owner = $2
      """;

  static final String DEAD = """
      UPDATE outbox SET status = 'DEAD', lease_owner = NULL, lease_until = NULL, last_error = $3,
                        updated_at = now()
      WHERE id = $1 AND lease_owner = $2
      """;

  static final String LIST = """
      SELECT id, kind, order_id, ordering_key, payload, status, attempts, next_attempt_at,
             last_error, created_at, updated_at, done_at
      FROM outbox WHERE status = $1 AND id < $2 ORDER BY id DESC LIMIT $3
      """;

  static final String FIND = """
      SELECT id, kind, order_id, ordering_key, payload, status, attempts, next_attempt_at,
             last_error, created_at, updated_at, done_at
      FROM outbox WHERE id = $1
      """;

  static final String REVIVE = """
      UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
                        lease_owner = NULL, lease_until = NULL, updated_at = now()
      WHERE id = $1 AND status = 'DEAD'
      RETURNING order_id, kind
      """;

  /**
   * Read from the queue's partition alone, through its partial indexes of pending and dead jobs
   * (V15): finished jobs, kept for days, are in a partition of their own.
   */
  static final String STATS = """
      SELECT p.pending, (SELECT count(*) FROM outbox WHERE status = 'DEAD') AS dead,
             coalesce(extract(epoch FROM now() - p.oldest), 0) AS oldest_pending_seconds
      FROM (SELECT count(*) AS pending, min(created_at) AS oldest FROM outbox
            WHERE status = 'PENDING') p
      """;

  /** A chunk of the finished jobs older than {@code $1} days; the status keeps it to their partition. */
  static final String PURGE_DONE = """
      DELETE FROM outbox WHERE status = 'DONE' AND id IN (
        SELECT id FROM outbox WHERE status = 'DONE' AND done_at < now() - make_interval(days => $1)
        LIMIT $2)
      """;

  /**
   * Read-only relation: every job's {@code id, kind, order_id, status, payload}, for a statement
   * that joins jobs with another owner's rows (PostgreSQL pulls it up).
   */
  static final String JOB_ROWS = "SELECT id, kind, order_id, status, payload FROM outbox";
}

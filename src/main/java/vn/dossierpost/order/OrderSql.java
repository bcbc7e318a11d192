package vn.dossierpost.order;

/** Every statement about the order aggregate. */
final class OrderSql {

  private OrderSql() {
  }

  static final String COLUMNS = """
      id, office_code, dossier_code, procedure_code, leg, status, order_number, item_code,
      citizen_name, citizen_phone, address_line, commune_code, province_code, district_name,
      contents, fee_to_collect, notify_sms, status_reason, created_at, updated_at,
      status_changed_at, booked_at, link_generation, callback_seq, flags, last_event_at
      """;

  static final String INSERT = """
      INSERT INTO orders (id, office_code, dossier_code, procedure_code, leg, status, order_number,
                          citizen_name, citizen_phone, address_line, commune_code, province_code,
                          district_name, contents, fee_to_collect, notify_sms)
      VALUES ($1, $2, $3, $4, $5, 'CREATED',
              $3 || '-' || $6 || (SELECT CASE WHEN count(*) = 0 THEN '' ELSE (count(*) + 1)::text END
                                  FROM orders WHERE dossier_code = $3 AND leg = $5),
              $7, $8, $9, $10, $11, $12, $13, $14, $15)
      RETURNING\s""" + COLUMNS;

  /**
   * Every order as a read-only relation, for a statement of another feature that joins orders
   * (as a derived table): columns as in {@link #COLUMNS}. PostgreSQL pulls it up, so the plan is
   * that of a join on {@code orders} itself.
   */
  static final String ROWS = "SELECT " + COLUMNS + " FROM orders";

  static final String FIND_FOR_OFFICE =
      "SELECT " + COLUMNS + " FROM orders WHERE id = $1 AND office_code = $2";

  static final String FIND =
      "SELECT " + COLUMNS + " FROM orders WHERE id = $1";

  static final String LOCK =
      "SELECT " + COLUMNS + " FROM orders WHERE id = $1 FOR UPDATE";

  static final String LOCK_FOR_OFFICE =
      "SELECT " + COLUMNS + " FROM orders WHERE id = $1 AND office_code = $2 FOR UPDATE";

  static final String FIND_ACTIVE = """
      SELECT id FROM orders
      WHERE office_code = $1 AND dossier_code = $2 AND leg = $3
        AND status NOT IN ('CANCELLED', 'BOOKING_FAILED', 'RETURNED', 'LOST')
      """;

  /** The list query is assembled from these constant fragments; values are always parameters. */
  static final String LIST_HEAD = "SELECT " + COLUMNS + " FROM orders WHERE office_code = $1";
  static final String LIST_STATUS = " AND status = $%d";
  static final String LIST_LEG = " AND leg = $%d";
  static final String LIST_DOSSIER = " AND dossier_code = $%d";
  static final String LIST_ITEM = " AND item_code = $%d";
  static final String LIST_FROM = " AND created_at >= $%d";
  static final String LIST_TO = " AND created_at < $%d";
  static final String LIST_AFTER = " AND (created_at, id) < ($%d, $%d)";
  static final String LIST_TAIL = " ORDER BY created_at DESC, id DESC LIMIT $%d";

  /** What a courier's scan is checked against: the leg and the fee, by item code. */
  static final String FIND_MANY = "SELECT " + COLUMNS + " FROM orders WHERE id = ANY($1)";

  static final String FLAG_FOLLOW_UP = """
      UPDATE orders SET flags = CASE WHEN 'FOLLOW_UP' = ANY(flags) THEN flags
                                     ELSE array_append(flags, 'FOLLOW_UP') END,
                        follow_up = $2, updated_at = now()
      WHERE id = $1
      """;

  static final String CLEAR_FOLLOW_UP = """
      UPDATE orders SET flags = array_remove(flags, 'FOLLOW_UP'), follow_up = NULL WHERE id = $1
      """;

  /** A new phone for the citizen, and with it a new link generation. */
  static final String CORRECT_PHONE = """
      UPDATE orders SET citizen_phone = $2, link_generation = link_generation + 1, updated_at = now()
      WHERE id = $1 RETURNING link_generation
      """;

  static final String COUNT_BOOKED = """
      SELECT count(*) FROM orders WHERE office_code = $1 AND booked_at >= $2 AND booked_at < $3
      """;

  static final String DELIVERED = "SELECT " + COLUMNS + """
      , delivered_at FROM orders
      WHERE office_code = $1 AND delivered_at >= $2 AND delivered_at < $3
      """;

  static final String COUNT_BY_STATUS =
      "SELECT status, count(*) AS n FROM orders WHERE office_code = $1 GROUP BY status";

  static final String COUNT_BY_FLAG = """
      SELECT f, count(*) AS n FROM orders, unnest(flags) f WHERE office_code = $1 GROUP BY f
      """;

  static final String FLAGGED = "SELECT " + COLUMNS + ", follow_up"
      + " FROM orders WHERE office_code = $1 AND cardinality(flags) > 0"
      + " ORDER BY status_changed_at LIMIT $2";

  /** Applies only where the flags are still those read: a change made meanwhile wins. */
  static final String SET_FLAGS = """
      UPDATE orders o SET flags = string_to_array(u.flags_now, ',')
      FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, flags_read, flags_now)
      WHERE o.id = u.id AND o.flags = string_to_array(u.flags_read, ',')
      """;

  /** The office's orders among $2, locked. */
  static final String LOCK_MANY_FOR_OFFICE = "SELECT " + COLUMNS
      + " FROM orders WHERE office_code = $1 AND id = ANY($2) FOR UPDATE";

  /** In id order, so that concurrent batches cannot deadlock. */
  static final String LOCK_MANY = "SELECT " + COLUMNS
      + " FROM orders WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE";

  /**
   * The orders events name, by item code or id, locked before their events are stored. The row
   * a lock returns is the latest version (PostgreSQL re-reads it after waiting), so its status
   * and {@code history_end} include every transaction that held the lock before.
   */
  static final String LOCK_FOR_INGEST = "SELECT " + COLUMNS + ", history_end"
      + " FROM orders WHERE item_code = ANY($1) OR id = ANY($2) ORDER BY id FOR NO KEY UPDATE";

  /**
   * Every reconciled order in one statement: one row of the arrays per order. The latest times
   * only grow (events are never removed, and a fold resumed sees only the newest ones).
   */
  static final String APPLY_STATUSES = """
      UPDATE orders o SET status = u.status, status_reason = u.reason,
             status_changed_at = CASE WHEN o.status <> u.status THEN now() ELSE o.status_changed_at END,
             last_event_at = greatest(o.last_event_at, u.last_event_at),
             history_end = greatest(o.history_end, u.history_end),
             delivered_at = CASE WHEN u.status = 'DELIVERED' THEN coalesce(o.delivered_at, u.delivered_at)
                                 ELSE o.delivered_at END,
             flags = CASE WHEN u.status IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'LOST', 'BOOKING_FAILED')
                          THEN array(SELECT f FROM unnest(o.flags) f WHERE f = 'FOLLOW_UP')
                          ELSE array_remove(o.flags, 'STUCK') END,
             callback_seq = o.callback_seq + u.moved,
             updated_at = now()
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::int[],
                  $7::timestamptz[])
           AS u(id, status, reason, last_event_at, delivered_at, moved, history_end)
      WHERE o.id = u.id
      """;

  /** A sender-assigned item code, given only to an order that has none yet. */
  static final String ASSIGN_ITEM_CODE = """
      UPDATE orders SET item_code = $2, updated_at = now() WHERE id = $1 AND item_code IS NULL
      RETURNING\s""" + COLUMNS;

  /** The carrier's item code; matches nothing when the order already has another one. */
  static final String MARK_BOOKED = """
      UPDATE orders SET item_code = $2, booked_at = now(), updated_at = now()
      WHERE id = $1 AND (item_code IS NULL OR item_code = $2)
      """;
}

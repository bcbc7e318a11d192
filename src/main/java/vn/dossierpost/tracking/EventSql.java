package vn.dossierpost.tracking;

/** Every statement about the event store. */
final class EventSql {

  private EventSql() {
  }

  static final String COLUMNS = """
      id, order_id, item_code, code, raw_code, raw_text, occurred_at, occurred_offset, received_at,
      location_code, location_name, reason, courier, proof, details, fee_collected, receipt_number,
      seal_number, source, carrier_event_id, dedup_key, flags
      """;

  /** Duplicates (same de-duplication key) are dropped silently: nothing returned. */
  static final String INSERT = """
      INSERT INTO order_events (order_id, item_code, code, raw_code, raw_text, occurred_at,
                                occurred_offset, received_at, location_code, location_name, reason,
                                courier, proof, details, fee_collected, receipt_number, seal_number,
                                source, carrier_event_id, dedup_key, flags)
      VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, now()), $9, $10, $11, $12, $13, $14, $15,
              $16, $17, $18, $19, $20, $21)
      ON CONFLICT (dedup_key, occurred_at) DO NOTHING
      RETURNING id
      """;

  static final String TIMELINE =
      "SELECT " + COLUMNS + " FROM order_events WHERE order_id = $1 ORDER BY occurred_at, id";

  /** Events that arrived before their order was booked, claimed once its item code is known. */
  static final String ADOPT_PARKED = """
      UPDATE order_events SET order_id = $1, flags = array_remove(flags, 'PARKED')
      WHERE item_code = $2 AND order_id IS NULL
      """;

  static final String SET_FLAGS = "UPDATE order_events SET flags = $2 WHERE id = $1";
}

package vn.dossierpost.tracking;

import vn.dossierpost.order.Orders;

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

  /**
   * Many events in one statement, one row of the arrays per event, taken in the arrays' order
   * (a later copy of a key within the same statement is the duplicate). Returns the id and key of
   * each row stored; the rest were duplicates. JSON columns come as text, flags as
   * comma-separated.
   */
  static final String INSERT_MANY = """
      INSERT INTO order_events (order_id, item_code, code, raw_code, raw_text, occurred_at,
                                occurred_offset, received_at, location_code, location_name, reason,
                                courier, proof, details, fee_collected, receipt_number, seal_number,
                                source, carrier_event_id, dedup_key, flags)
      SELECT u.order_id, u.item_code, u.code, u.raw_code, u.raw_text, u.occurred_at, u.occurred_offset,
             coalesce(u.received_at, now()), u.location_code, u.location_name, u.reason, u.courier,
             u.proof::jsonb, u.details::jsonb, u.fee_collected, u.receipt_number, u.seal_number, u.source,
             u.carrier_event_id, u.dedup_key, coalesce(string_to_array(u.flags, ','), '{}')
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                  $7::text[], $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[],
                  $13::text[], $14::text[], $15::bigint[], $16::text[], $17::text[], $18::text[],
                  $19::text[], $20::text[], $21::text[])
           WITH ORDINALITY AS u(order_id, item_code, code, raw_code, raw_text, occurred_at,
                                occurred_offset, received_at, location_code, location_name, reason,
                                courier, proof, details, fee_collected, receipt_number, seal_number,
                                source, carrier_event_id, dedup_key, flags, n)
      ORDER BY u.n
      ON CONFLICT (dedup_key, occurred_at) DO NOTHING
      RETURNING id, dedup_key
      """;

  static final String TIMELINE =
      "SELECT " + COLUMNS + " FROM order_events WHERE order_id = $1 ORDER BY occurred_at, id";

  /** Events that arrived before their order was booked, claimed once its item code is known. */
  static final String ADOPT_PARKED = """
      UPDATE order_events SET order_id = $1,
                              flags = array_append(array_remove(flags, 'PARKED'), 'ADOPTED')
      WHERE item_code = $2 AND order_id IS NULL
      """;

  static final String SET_FLAGS = "UPDATE order_events SET flags = $2 WHERE id = $1";

  /** The checklist of the order's latest pickup that recorded one. */
  static final String PICKUP_CHECKLIST = """
      SELECT details FROM order_events
      WHERE order_id = $1 AND code = 'COLLECTED' AND details ? 'checklist'
      ORDER BY occurred_at DESC, id DESC LIMIT 1
      """;

  // for report and callback
  /**
   * Every event, columns as in {@link #COLUMNS}: the read-only relation a statement that joins
   * events with another owner's rows uses as a derived table (PostgreSQL pulls it up).
   */
  static final String ROWS = "SELECT " + COLUMNS + " FROM order_events";

  /** Each order's timeline by its own index probe: a plan that stays right as the table grows. */
  static final String TIMELINES = "SELECT e.* FROM unnest($1::uuid[]) AS wanted(id) "
      + "CROSS JOIN LATERAL (SELECT " + COLUMNS + " FROM order_events "
      + "WHERE order_id = wanted.id ORDER BY occurred_at, id) e";

  /** Parked events given to the order that now carries their item code; the orders that got some. */
  static final String ADOPT_ALL_PARKED = """
      WITH adopted AS (
        UPDATE order_events e SET order_id = o.id,
                                  flags = array_append(array_remove(e.flags, 'PARKED'), 'ADOPTED')
        FROM (%s) o
        WHERE e.order_id IS NULL AND e.item_code IS NOT NULL AND o.item_code = e.item_code
        RETURNING e.order_id)
      SELECT DISTINCT order_id FROM adopted
      """.formatted(Orders.ROWS);
}

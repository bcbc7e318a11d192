package vn.dossierpost.carrier.simulator;

/** Every statement of the simulated carrier, in its own schema. */
final class SimulatorSql {

  private SimulatorSql() {
  }

  static final String NEXT_SERIAL = "SELECT nextval('carrier_sim.item_serial') AS serial";

  static final String INSERT_SHIPMENT = """
      INSERT INTO carrier_sim.shipments (item_code, customer_code, order_number, scenario, request)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (customer_code, order_number) DO NOTHING
      """;

  static final String INSERT_PLANNED = """
      INSERT INTO carrier_sim.planned_events (item_code, step, due_at, release_at, record)
      VALUES ($1, $2, $3, $4, $5)
      """;

  static final String FIND_SHIPMENT = """
      SELECT item_code, customer_code, order_number, scenario, status_code, status_message,
             cancelled_at, created_at
      FROM carrier_sim.shipments WHERE customer_code = $1 AND order_number = $2
      """;

  static final String LOCK_SHIPMENT = FIND_SHIPMENT + " FOR UPDATE";

  static final String LIST_SHIPMENTS = """
      SELECT item_code, customer_code, order_number, scenario, status_code, status_message,
             cancelled_at, created_at,
             CASE WHEN $1::text IS NULL THEN NULL ELSE request END AS request
      FROM carrier_sim.shipments WHERE ($1::text IS NULL OR order_number = $1)
      ORDER BY created_at, item_code
      """;

  static final String CANCEL_SHIPMENT = """
      UPDATE carrier_sim.shipments SET cancelled_at = now(), status_code = 9,
             status_message = 'Hủy nhận hàng'
      WHERE item_code = $1
      """;

  static final String DROP_PLANNED = """
      DELETE FROM carrier_sim.planned_events WHERE item_code = $1 AND released_at IS NULL
      """;

  static final String DUE = """
      SELECT id, item_code, step, due_at, record, delayed FROM carrier_sim.planned_events
      WHERE released_at IS NULL AND release_at <= now()
      ORDER BY release_at, id
      LIMIT 500
      FOR UPDATE SKIP LOCKED
      """;

  static final String POSTPONE = """
      UPDATE carrier_sim.planned_events SET release_at = now() + make_interval(secs => $2),
             delayed = true
      WHERE id = $1
      """;

  static final String MARK_RELEASED =
      "UPDATE carrier_sim.planned_events SET released_at = now() WHERE id = $1";

  static final String SET_STATUS = """
      UPDATE carrier_sim.shipments SET status_code = $2, status_message = $3 WHERE item_code = $1
      """;

  /** Feed appends are serialised so that a cursor never skips a row committed late. */
  static final String FEED_LOCK = "SELECT pg_advisory_xact_lock(4520161945)";

  static final String APPEND_FEED = """
      INSERT INTO carrier_sim.feed (item_code, record) VALUES ($1, $2)
      RETURNING seq
      """;

  static final String PAGE = """
      SELECT seq, record FROM carrier_sim.feed WHERE seq > $1 ORDER BY seq LIMIT $2
      """;

  /** The next steps, published now, dated a second apart so that their order shows. */
  static final String ADVANCE = """
      WITH next AS (
        SELECT id, row_number() OVER (ORDER BY step) AS rn FROM carrier_sim.planned_events
        WHERE item_code = $1 AND released_at IS NULL
          AND (release_at IS NULL OR release_at > now() AND NOT delayed)
        ORDER BY step LIMIT $2)
      UPDATE carrier_sim.planned_events p
      SET release_at = now(), due_at = now() - make_interval(secs => ($2 - next.rn)::float8)
      FROM next WHERE p.id = next.id
      """;

  static final String SHIPMENT_BY_ITEM = """
      SELECT item_code FROM carrier_sim.shipments WHERE item_code = $1
      """;

  static final String PUT_SCENARIO = """
      INSERT INTO carrier_sim.scenario_overrides (order_number, scenario) VALUES ($1, $2)
      ON CONFLICT (order_number) DO UPDATE SET scenario = excluded.scenario
      """;

  static final String GET_SCENARIO =
      "SELECT scenario FROM carrier_sim.scenario_overrides WHERE order_number = $1";

  static final String COLLECTED = """
      SELECT count(*) AS n FROM carrier_sim.feed
      WHERE item_code = $1 AND (record ->> 'StatusCode')::int NOT IN (1, 2, 3, 4, 5, 8, 9)
      """;
}

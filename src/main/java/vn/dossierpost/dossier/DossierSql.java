package vn.dossierpost.dossier;

/** Every statement about dossiers. */
final class DossierSql {

  private DossierSql() {
  }

  static final String COLUMNS = """
      id, office_code, dossier_code, procedure_code, mode, status, citizen_name, citizen_phone,
      collection_address, delivery_address, contents, fee_to_collect, notify_sms, appointment_date,
      supplement, pickup_order_id, delivery_order_id, steps, created_at, updated_at, status_changed_at
      """;

  static final String INSERT = """
      INSERT INTO dossiers (id, office_code, dossier_code, procedure_code, mode, status, citizen_name,
                            citizen_phone, collection_address, delivery_address, contents,
                            fee_to_collect, notify_sms, pickup_order_id, delivery_order_id,
                            appointment_date, steps)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
              jsonb_build_array(jsonb_build_object('step', 'create', 'to', $6::text, 'at', now())))
      RETURNING\s""" + COLUMNS;

  /**
   * A leg booked on its own (POST /api/v1/orders) makes a one-leg dossier, or joins the dossier
   * of its code: it takes the leg's place (an earlier leg of that kind has ended, or the order
   * could not have been stored), a dossier with both legs is BOTH, and a DELIVERY leg booked at
   * once means the desk has its result. A closed dossier takes no leg: no row is written.
   */
  static final String UPSERT_LEG = """
      INSERT INTO dossiers (id, office_code, dossier_code, procedure_code, mode, status, citizen_name,
                            citizen_phone, collection_address, delivery_address, contents,
                            fee_to_collect, notify_sms, pickup_order_id, delivery_order_id, steps)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
              jsonb_build_array(jsonb_build_object('step', 'create', 'to', $6::text, 'at', now())))
      ON CONFLICT (office_code, dossier_code) DO UPDATE SET
        pickup_order_id = coalesce(EXCLUDED.pickup_order_id, dossiers.pickup_order_id),
        delivery_order_id = coalesce(EXCLUDED.delivery_order_id, dossiers.delivery_order_id),
        collection_address = coalesce(EXCLUDED.collection_address, dossiers.collection_address),
        delivery_address = coalesce(EXCLUDED.delivery_address, dossiers.delivery_address),
        mode = CASE WHEN coalesce(EXCLUDED.pickup_order_id, dossiers.pickup_order_id) IS NOT NULL
                     AND coalesce(EXCLUDED.delivery_order_id, dossiers.delivery_order_id) IS NOT NULL
                    THEN 'BOTH' ELSE dossiers.mode END,
        status = CASE WHEN dossiers.status = 'CANCELLED' THEN EXCLUDED.status
                      WHEN EXCLUDED.delivery_order_id IS NOT NULL AND dossiers.status IN
                           ('AWAITING_COLLECTION', 'COLLECTED', 'RECEIVED', 'PROCESSING',
                            'SUPPLEMENT_REQUESTED', 'RESULT_RETURNED') THEN 'RESULT_READY'
                      ELSE dossiers.status END,
        steps = dossiers.steps || jsonb_build_array(jsonb_build_object('step', 'leg_booked',
                  'leg', CASE WHEN EXCLUDED.pickup_order_id IS NULL THEN 'DELIVERY' ELSE 'PICKUP' END,
                  'at', now())),
        updated_at = now()
      WHERE dossiers.status <> 'CLOSED'
      """;

  static final String FIND_FOR_OFFICE =
      "SELECT " + COLUMNS + " FROM dossiers WHERE id = $1 AND office_code = $2";

  static final String LOCK =
      "SELECT " + COLUMNS + " FROM dossiers WHERE id = $1 FOR UPDATE";

  /** The dossiers of these legs, locked in id order (after their legs: orders, then dossiers). */
  static final String LOCK_BY_LEGS = "SELECT " + COLUMNS + """
       FROM dossiers WHERE pickup_order_id = ANY($1) OR delivery_order_id = ANY($1)
      ORDER BY id FOR NO KEY UPDATE
      """;

  /** A step: the new status, the step appended, the appointment and the supplement as now. */
  static final String MOVE = """
      UPDATE dossiers SET status = $2, steps = steps || $3::jsonb, appointment_date = $4,
             supplement = $5::jsonb,
             status_changed_at = CASE WHEN status <> $2 THEN now() ELSE status_changed_at END,
             updated_at = now()
      WHERE id = $1
      RETURNING\s""" + COLUMNS;

  static final String LIST_HEAD = "SELECT " + COLUMNS + " FROM dossiers WHERE office_code = $1";
  static final String LIST_STATUS = " AND status = $%d";
  static final String LIST_MODE = " AND mode = $%d";
  /** As {@link Dossier#overdue}: the appointment passed, the result not with the citizen. */
  static final String LIST_OVERDUE = " AND appointment_date < $%d"
      + " AND status NOT IN ('RESULT_DELIVERED', 'CLOSED', 'CANCELLED')";
  static final String LIST_DOSSIER = " AND dossier_code = $%d";
  static final String LIST_FROM = " AND created_at >= $%d";
  static final String LIST_TO = " AND created_at < $%d";
  static final String LIST_AFTER = " AND (created_at, id) < ($%d, $%d)";
  static final String LIST_TAIL = " ORDER BY created_at DESC, id DESC LIMIT $%d";
}

package vn.dossierpost.procedure;

import vn.dossierpost.access.Offices;

/** The statements on {@code procedures}, which this package owns. */
final class ProcedureSql {

  private ProcedureSql() {
  }

  private static final String COLUMNS = """
      office_code, code, name, postal_submission, postal_return, fee, processing_days, components,
      updated_at""";

  /** $1 office: a row when the office exists (read through the access feature's relation). */
  static final String OFFICE_EXISTS =
      "SELECT 1 FROM (" + Offices.ROWS + ") f WHERE f.code = $1";

  static final String FIND = "SELECT " + COLUMNS + " FROM procedures WHERE office_code = $1 AND code = $2";

  static final String LOCK = FIND + " FOR UPDATE";

  static final String LIST = "SELECT " + COLUMNS + " FROM procedures WHERE office_code = $1 ORDER BY code";

  /** $1 office … $7 processing days, $8 components: inserted or replaced whole. */
  static final String UPSERT = """
      INSERT INTO procedures (office_code, code, name, postal_submission, postal_return, fee,
                              processing_days, components)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (office_code, code) DO UPDATE
        SET name = EXCLUDED.name, postal_submission = EXCLUDED.postal_submission,
            postal_return = EXCLUDED.postal_return, fee = EXCLUDED.fee,
            processing_days = EXCLUDED.processing_days, components = EXCLUDED.components,
            updated_at = now()
      RETURNING """ + " " + COLUMNS;

  static final String DELETE = "DELETE FROM procedures WHERE office_code = $1 AND code = $2";
}

package vn.dossierpost.access;

/** Every statement about offices, API keys and webhook secrets. */
final class AccessSql {

  private AccessSql() {
  }

  static final String FIND_KEY = """
      SELECT id, role, scope FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL
      """;

  static final String INSERT_KEY = """
      INSERT INTO api_keys (id, key_hash, key_prefix, role, scope, label)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;

  static final String REVOKE_KEY = """
      UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL
      """;

  static final String LIST_KEYS = """
      SELECT id, key_prefix, role, scope, label, created_at, revoked_at
      FROM api_keys ORDER BY created_at, id
      """;

  static final String INSERT_OFFICE = """
      INSERT INTO offices (code, name, address_line, commune_code, province_code, phone,
                           callback_url, callback_secret)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;

  static final String OFFICE_COLUMNS = """
      code, name, address_line, commune_code, province_code, phone, callback_url, policy, created_at
      """;

  /** Every office with what other features join on (see {@link Offices#ROWS}). */
  static final String ROWS = """
      SELECT code, name, address_line, commune_code, province_code, phone, policy, callback_url,
             callback_secret, callback_disabled_at
      FROM offices""";

  static final String FIND_OFFICE = "SELECT " + OFFICE_COLUMNS + " FROM offices WHERE code = $1";
  static final String LOCK_OFFICE = FIND_OFFICE + " FOR UPDATE";

  static final String LIST_OFFICES = "SELECT " + OFFICE_COLUMNS + " FROM offices ORDER BY code";

  static final String SET_CALLBACK = """
      UPDATE offices SET callback_url = $2, callback_secret = $3, callback_disabled_at = NULL
      WHERE code = $1
      """;

  /** The whole policy; with $3 the serving postal units stored are kept (the request named none). */
  static final String SET_POLICY = """
      UPDATE offices SET policy = CASE WHEN $3 THEN $2 || jsonb_build_object('servingPostalUnits',
                                          coalesce(policy -> 'servingPostalUnits', '[]'::jsonb))
                                       ELSE $2 END
      WHERE code = $1
      RETURNING policy
      """;

  /** Adds postal units to those serving the office, keeping the rest of its policy. */
  static final String ADD_SERVING_UNITS = """
      UPDATE offices SET policy = policy || jsonb_build_object('servingPostalUnits',
          (SELECT coalesce(jsonb_agg(u ORDER BY u), '[]'::jsonb) FROM (
             SELECT jsonb_array_elements_text(coalesce(policy -> 'servingPostalUnits', '[]'::jsonb)) AS u
             UNION SELECT unnest($2::text[])) s))
      WHERE code = $1
      """;

  static final String INSERT_WEBHOOK_SECRET = """
      INSERT INTO webhook_secrets (id, carrier, secret) VALUES ($1, $2, $3)
      """;

  static final String ACTIVE_WEBHOOK_SECRETS = """
      SELECT secret FROM webhook_secrets WHERE carrier = $1 AND revoked_at IS NULL
      ORDER BY created_at DESC
      """;

  static final String WITH_CALLBACKS = """
      SELECT code FROM offices
      WHERE code = ANY($1) AND callback_url IS NOT NULL AND callback_disabled_at IS NULL
      """;

  static final String DISABLE_CALLBACKS =
      "UPDATE offices SET callback_disabled_at = now() WHERE code = $1";
}

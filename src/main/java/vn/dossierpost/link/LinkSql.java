package vn.dossierpost.link;

/** Statements about tracking tokens beyond registering and resolving them. */
final class LinkSql {

  private LinkSql() {
  }

  static final String REVOKE_ALL =
      "UPDATE tracking_tokens SET revoked_at = now() WHERE order_id = $1 AND revoked_at IS NULL";

  static final String EXPIRE = """
      UPDATE tracking_tokens SET expires_at = now() + $2 * interval '1 second'
      WHERE order_id = ANY($1) AND revoked_at IS NULL AND expires_at IS NULL
      """;
}

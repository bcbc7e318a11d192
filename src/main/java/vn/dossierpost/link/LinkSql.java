package vn.dossierpost.link;

/**
 * Statements about tracking tokens beyond registering and resolving them, and the relation
 * other features compose into their reads.
 */
final class LinkSql {

  private LinkSql() {
  }

  /**
   * Tokens that still open a page (neither revoked nor expired), as a derived table: columns
   * {@code order_id}, {@code locked_until} (the second factor is locked until then, or null),
   * {@code token_hash} (the SHA-256 of the token, the primary key).
   */
  static final String LIVE_TOKENS = """
      SELECT order_id, locked_until, token_hash FROM tracking_tokens
      WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""";

  static final String REVOKE_ALL =
      "UPDATE tracking_tokens SET revoked_at = now() WHERE order_id = $1 AND revoked_at IS NULL";

  static final String EXPIRE = """
      UPDATE tracking_tokens SET expires_at = now() + $2 * interval '1 second'
      WHERE order_id = ANY($1) AND revoked_at IS NULL AND expires_at IS NULL
      """;

  static final String FAILED_CHECK = """
      UPDATE tracking_tokens SET failed_checks = failed_checks + 1,
        locked_until = CASE WHEN failed_checks + 1 >= $2 THEN now() + $3 * interval '1 second'
                            ELSE locked_until END
      WHERE token_hash = $1 RETURNING failed_checks
      """;

  static final String PASSED_CHECK =
      "UPDATE tracking_tokens SET failed_checks = 0, locked_until = NULL WHERE token_hash = $1 AND failed_checks > 0";
}

package vn.dossierpost.audit;

/** Every statement that names {@code audit_trail}: appends and reads, never anything else. */
final class AuditSql {

  private AuditSql() {
  }

  static final String APPEND = """
      INSERT INTO audit_trail (key_id, role, scope, request_id, action, order_id, subject, before, after)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;

  /** Many records in one statement, in the arrays' order (ids are drawn in that order). */
  static final String APPEND_MANY = """
      INSERT INTO audit_trail (key_id, role, scope, request_id, action, order_id, subject, before, after)
      SELECT u.key_id, u.role, u.scope, u.request_id, u.action, u.order_id, u.subject,
             u.before::jsonb, u.after::jsonb
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[],
                  $7::text[], $8::text[], $9::text[])
           AS u(key_id, role, scope, request_id, action, order_id, subject, before, after)
      """;

  static final String OF_ORDER = """
      SELECT id, at, key_id, role, scope, request_id, action, order_id, subject, before, after
      FROM audit_trail WHERE order_id = $1 ORDER BY id
      """;
}

-- Who changed what (issue 24, point 5): one row per state-changing action of a person or a
-- system, written in the transaction of the change itself, so a change and its record commit
-- or roll back together. Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE
-- to every role the service connects as, so that no bug and no later statement can rewrite
-- the trail. No foreign key to orders: the trail outlives what it describes, and an insert
-- on the ingest path should not have to look the order up again.
CREATE TABLE audit_trail (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  key_id      uuid,
  role        text NOT NULL,
  scope       text,
  request_id  text,
  action      text NOT NULL,
  order_id    uuid,
  subject     text,
  before      jsonb,
  after       jsonb
);

CREATE INDEX audit_trail_by_order ON audit_trail (order_id, id) WHERE order_id IS NOT NULL;

CREATE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_trail is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_trail_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_trail
  FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();
CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
  FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_append_only();

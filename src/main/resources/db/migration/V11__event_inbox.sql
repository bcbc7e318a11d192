-- Pushed carrier messages, kept as they came (signature verified, every record valid) from the
-- moment they are acknowledged until the inbox processor has ingested them: it stores their
-- events, reconciles their orders and deletes them, all in one transaction. A message that
-- cannot be ingested stays, with its attempts and last error, and is tried again later.
CREATE TABLE event_inbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id   text,                       -- sw:<webhook-id> or ems:<transaction>
  kind         text NOT NULL CHECK (kind IN ('VNPOST', 'EMS')),
  body         bytea NOT NULL,
  events       int NOT NULL CHECK (events > 0),
  received_at  timestamptz NOT NULL DEFAULT now(),
  attempts     int NOT NULL DEFAULT 0,
  not_before   timestamptz NOT NULL DEFAULT '-infinity',
  last_error   text
);
-- A queue like the outbox (V10): vacuumed after a few thousand deletions, so that the claim
-- does not step over the index entries of messages already ingested.
ALTER TABLE event_inbox SET (autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_scale_factor = 0.02,
                             autovacuum_vacuum_cost_delay = 0);

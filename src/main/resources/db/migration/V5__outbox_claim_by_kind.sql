-- Workers claim only the kinds they run: find those without walking every pending job.
CREATE INDEX outbox_due_by_kind ON outbox (kind, next_attempt_at, id) WHERE status = 'PENDING';

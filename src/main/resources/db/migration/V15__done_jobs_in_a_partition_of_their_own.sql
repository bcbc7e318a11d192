-- The outbox is a queue, yet it kept every finished job for a week in the same table: under
-- load, most of its rows, pages and index entries were jobs already done. Each job done was an
-- update that left a dead version behind, and every vacuum that removed them (after a few
-- thousand changes, V10) walked the whole of each index and, after a checkpoint, logged
-- thousands of whole pages: in the benchmark's run at 70 % of the maximum, a vacuum of a
-- 230 MB outbox lasted four seconds, logged 4,000 to 6,000 full pages within one second, and
-- every webhook waited 130 to 180 ms through it.
--
-- The outbox is now partitioned by status. Pending and dead jobs live in outbox_queue, which
-- stays as small as the backlog, so its frequent vacuums are short; marking a job done moves
-- its row into outbox_finished, which only ever receives inserts (and the weekly purge's
-- deletes). Every statement still reads and writes "outbox".
ALTER TABLE outbox RENAME TO outbox_v14;
ALTER INDEX outbox_pkey RENAME TO outbox_v14_pkey;
DROP INDEX outbox_due_by_kind, outbox_ordering, outbox_dead, outbox_done;
ALTER SEQUENCE outbox_id_seq RENAME TO outbox_v14_id_seq;

-- The same columns, defaults, check and identity as before; the key takes the status, as the
-- key of a partitioned table must.
CREATE TABLE outbox (LIKE outbox_v14 INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY,
                     PRIMARY KEY (id, status))
  PARTITION BY LIST (status);

-- Storage as the outbox had it (V7, V10, V12): room on each page for a claim's update to stay
-- on it, and a vacuum after a few thousand changes, with the cost-based pauses.
CREATE TABLE outbox_queue PARTITION OF outbox FOR VALUES IN ('PENDING', 'DEAD')
  WITH (fillfactor = 80, autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_scale_factor = 0.02);
CREATE TABLE outbox_finished PARTITION OF outbox FOR VALUES IN ('DONE');

INSERT INTO outbox OVERRIDING SYSTEM VALUE SELECT * FROM outbox_v14;
SELECT setval(pg_get_serial_sequence('outbox', 'id'),
              (SELECT coalesce(max(id), 0) + 1 FROM outbox_v14), false);
DROP TABLE outbox_v14;

-- The queue's indexes (V1, V5) on the queue alone; the purge's on the finished jobs alone.
CREATE INDEX outbox_due_by_kind ON outbox_queue (kind, next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX outbox_ordering ON outbox_queue (ordering_key, id)
  WHERE status = 'PENDING' AND ordering_key IS NOT NULL;
CREATE INDEX outbox_dead ON outbox_queue (id) WHERE status = 'DEAD';
CREATE INDEX outbox_done ON outbox_finished (done_at);

-- Nothing filters on the payload, the lease owner or the error, and reading a sample of 30,000
-- payloads (jsonb) was most of each analyze: the planner goes without their statistics. The
-- queue is analyzed once as many rows changed as it holds (10,000 at least), as the event inbox
-- is (V14): its plans follow its partial indexes whatever its statistics say.
ALTER TABLE outbox ALTER COLUMN payload SET STATISTICS 0,
                   ALTER COLUMN lease_owner SET STATISTICS 0,
                   ALTER COLUMN last_error SET STATISTICS 0;
ALTER TABLE outbox_queue SET (autovacuum_analyze_threshold = 10000, autovacuum_analyze_scale_factor = 1);

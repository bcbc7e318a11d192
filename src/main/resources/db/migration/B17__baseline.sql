-- Baseline: the schema of V1..V17 in one script, for a new database only. Flyway runs it instead
-- of V1..V17 on an empty database (one transaction instead of seventeen, about two seconds off a
-- first start) and never on one that already has a schema history; V18 and later apply on top
-- of either. It is V1..V17 as they are, in order, so both roads give the same schema
-- (MigrationsTest compares them). Frozen: change the schema in a new V migration.

-- ---- V1__foundation.sql

-- Foundation: offices, API keys, orders with their events, idempotency keys and the outbox.

CREATE TABLE offices (
  code            text PRIMARY KEY,
  name            text NOT NULL,
  address_line    text NOT NULL,
  commune_code    text NOT NULL,
  province_code   text NOT NULL,
  phone           text,
  callback_url    text,
  callback_secret text,
  policy          jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Keys are 256-bit random strings shown once; only their SHA-256 is kept.
CREATE TABLE api_keys (
  id          uuid PRIMARY KEY,
  key_hash    bytea NOT NULL UNIQUE,
  key_prefix  text NOT NULL,
  role        text NOT NULL CHECK (role IN ('DESK', 'COURIER', 'CARRIER', 'ADMIN')),
  scope       text NOT NULL,
  label       text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Secrets a carrier signs its webhooks with (Standard Webhooks, whsec_...). HMAC needs the
-- secret itself, so it cannot be hashed like an API key.
CREATE TABLE webhook_secrets (
  id          uuid PRIMARY KEY,
  carrier     text NOT NULL,
  secret      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

CREATE TABLE orders (
  id                 uuid PRIMARY KEY,
  office_code        text NOT NULL REFERENCES offices (code),
  dossier_code       text NOT NULL,
  procedure_code     text NOT NULL,
  leg                text NOT NULL CHECK (leg IN ('PICKUP', 'DELIVERY')),
  status             text NOT NULL,
  order_number       text NOT NULL UNIQUE,
  item_code          text UNIQUE,
  citizen_name       text NOT NULL,
  citizen_phone      text NOT NULL,
  address_line       text NOT NULL,
  commune_code       text NOT NULL,
  province_code      text NOT NULL,
  district_name      text,
  contents           text NOT NULL,
  fee_to_collect     bigint NOT NULL CHECK (fee_to_collect >= 0),
  notify_sms         boolean NOT NULL,
  status_reason      text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  status_changed_at  timestamptz NOT NULL DEFAULT now(),
  booked_at          timestamptz
);

-- One live order per office, dossier and leg; ended legs may be booked again.
CREATE UNIQUE INDEX orders_one_active ON orders (office_code, dossier_code, leg)
  WHERE status NOT IN ('CANCELLED', 'BOOKING_FAILED', 'RETURNED', 'LOST');
CREATE INDEX orders_office_created ON orders (office_code, created_at DESC, id DESC);
CREATE INDEX orders_office_status_created ON orders (office_code, status, created_at DESC, id DESC);
CREATE INDEX orders_office_dossier ON orders (office_code, dossier_code);

-- Append-only history; an order's status is a fold over it.
CREATE TABLE order_events (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id         uuid REFERENCES orders (id),
  item_code        text,
  code             text,
  raw_code         text,
  raw_text         text,
  occurred_at      timestamptz NOT NULL,
  occurred_offset  text,
  received_at      timestamptz NOT NULL DEFAULT now(),
  location_code    text,
  location_name    text,
  reason           text,
  courier          text,
  proof            jsonb,
  details          jsonb,
  fee_collected    bigint,
  receipt_number   text,
  seal_number      text,
  source           text NOT NULL,
  carrier_event_id text,
  dedup_key        text NOT NULL UNIQUE,
  flags            text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX order_events_timeline ON order_events (order_id, occurred_at, id);
CREATE INDEX order_events_parked ON order_events (item_code) WHERE order_id IS NULL;

CREATE TABLE idempotency_keys (
  scope            text NOT NULL,
  key              text NOT NULL,
  request_hash     bytea NOT NULL,
  state            text NOT NULL CHECK (state IN ('IN_FLIGHT', 'DONE')),
  locked_until     timestamptz,
  response_status  int,
  response_body    jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Side effects written in the same transaction as the state change that causes them.
CREATE TABLE outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL,
  order_id         uuid,
  ordering_key     text,
  payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
  status           text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DONE', 'DEAD')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  lease_owner      text,
  lease_until      timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  done_at          timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX outbox_ordering ON outbox (ordering_key, id) WHERE status = 'PENDING' AND ordering_key IS NOT NULL;
CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'DEAD';
CREATE INDEX outbox_order ON outbox (order_id);
CREATE INDEX outbox_done ON outbox (done_at) WHERE status = 'DONE';

-- ---- V2__item_code_ranges.sql

-- Ranges of S10 serials this service assigns itself, for carriers that want sender-assigned codes.
CREATE TABLE item_code_ranges (
  indicator    text PRIMARY KEY,
  next_serial  bigint NOT NULL,
  last_serial  bigint NOT NULL
);

-- ---- V3__tracking_links_and_manifests.sql

-- Secrets the service makes for itself at first start (random, 256 bits), shared by instances.
CREATE TABLE service_keys (
  name        text PRIMARY KEY,
  secret      bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Tracking links: the token is derived from a service key, the order and a generation, and only
-- its SHA-256 is stored for lookup. A new generation revokes the old link.
ALTER TABLE orders ADD COLUMN link_generation int NOT NULL DEFAULT 1;

CREATE TABLE tracking_tokens (
  token_hash  bytea PRIMARY KEY,
  order_id    uuid NOT NULL REFERENCES orders (id),
  generation  int NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz,
  UNIQUE (order_id, generation)
);

-- Handover records (biên bản bàn giao): one per batch given to a courier.
CREATE TABLE manifests (
  id           uuid PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  office_code  text NOT NULL REFERENCES offices (code),
  courier_name text,
  postal_unit  text,
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  accepted_at  timestamptz
);
CREATE INDEX manifests_office ON manifests (office_code, created_at DESC);

CREATE TABLE manifest_items (
  manifest_id  uuid NOT NULL REFERENCES manifests (id),
  order_id     uuid NOT NULL REFERENCES orders (id),
  position     int NOT NULL,
  PRIMARY KEY (manifest_id, order_id)
);
CREATE INDEX manifest_items_order ON manifest_items (order_id);

-- ---- V4__tracking.sql

-- Tracking: ingest from webhooks, polling and scans; reconciliation; callbacks; SLA flags.

-- The event store is kept ready for monthly partitioning: every unique key includes the time
-- the event happened, which a partition key must be part of. A duplicate always carries the
-- same time as its original (the time is part of the composite key, and a carrier or client
-- id names one event), so de-duplication still holds across partitions.
ALTER TABLE order_events DROP CONSTRAINT order_events_dedup_key_key;
ALTER TABLE order_events DROP CONSTRAINT order_events_pkey;
ALTER TABLE order_events ADD PRIMARY KEY (id, occurred_at);
ALTER TABLE order_events ADD CONSTRAINT order_events_dedup UNIQUE (dedup_key, occurred_at);
CREATE INDEX order_events_item ON order_events (item_code, occurred_at);
CREATE INDEX order_events_received ON order_events (received_at);

-- Webhook messages already taken (Standard Webhooks webhook-id, EMS ems-transaction).
CREATE TABLE webhook_messages (
  id           text PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_messages_received ON webhook_messages (received_at);

-- Where the poller is in each carrier's feed; moved in the transaction that stores the events.
CREATE TABLE carrier_cursors (
  carrier     text PRIMARY KEY,
  last_id     text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE orders ADD COLUMN last_event_at timestamptz;
ALTER TABLE orders ADD COLUMN callback_seq int NOT NULL DEFAULT 0;
-- LATE, STUCK, FOLLOW_UP, ATTEMPTS_EXCEEDED, HOLD_EXPIRED: what needs a person's attention.
ALTER TABLE orders ADD COLUMN flags text[] NOT NULL DEFAULT '{}';
ALTER TABLE orders ADD COLUMN follow_up text;
ALTER TABLE orders ADD COLUMN delivered_at timestamptz;
CREATE INDEX orders_office_flagged ON orders (office_code) WHERE cardinality(flags) > 0;
CREATE INDEX orders_open ON orders (status_changed_at)
  WHERE status NOT IN ('DELIVERED', 'RETURNED', 'CANCELLED', 'LOST', 'BOOKING_FAILED');

ALTER TABLE offices ADD COLUMN callback_disabled_at timestamptz;

-- Every attempt to deliver a callback to an office's one-stop system.
CREATE TABLE callback_deliveries (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id    bigint NOT NULL,
  office_code  text NOT NULL,
  order_id     uuid,
  webhook_id   text NOT NULL,
  attempt      int NOT NULL,
  status_code  int,
  error        text,
  duration_ms  int,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX callback_deliveries_office ON callback_deliveries (office_code, id DESC);
CREATE INDEX callback_deliveries_order ON callback_deliveries (order_id);

-- ---- V5__outbox_claim_by_kind.sql

-- Workers claim only the kinds they run: find those without walking every pending job.
CREATE INDEX outbox_due_by_kind ON outbox (kind, next_attempt_at, id) WHERE status = 'PENDING';

-- ---- V6__sms_and_tracking_page.sql

-- Citizen SMS: one row per sms.send job that reached the point of sending (or was held back
-- for good), so that caps can be counted and delivery receipts recorded.
CREATE TABLE sms_messages (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id       bigint NOT NULL UNIQUE,
  order_id        uuid NOT NULL REFERENCES orders (id),
  phone           text NOT NULL,
  template        text NOT NULL,
  body            text NOT NULL,
  gateway         text NOT NULL,
  status          text NOT NULL CHECK (status IN ('SENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED')),
  reason          text,
  gateway_ref     text,
  attempted_at    timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  receipt_at      timestamptz,
  receipt_status  text
);
CREATE INDEX sms_messages_order ON sms_messages (order_id);
CREATE INDEX sms_messages_phone_recent ON sms_messages (phone, attempted_at)
  WHERE status IN ('SENDING', 'SENT', 'DELIVERED');

-- The second factor of the tracking page: wrong answers lock a link for a while.
ALTER TABLE tracking_tokens ADD COLUMN failed_checks int NOT NULL DEFAULT 0;
ALTER TABLE tracking_tokens ADD COLUMN locked_until timestamptz;

-- ---- V7__room_for_hot_updates.sql

-- Rows updated often keep room on their page for the new version: an update that changes no
-- indexed column then stays on the page (a HOT update) and touches none of the indexes. Orders
-- get one update per carrier event (most only move last_event_at); outbox jobs one when claimed
-- and one when done. Applies to pages written from now on.
ALTER TABLE orders SET (fillfactor = 85);
ALTER TABLE outbox SET (fillfactor = 80);
ALTER TABLE sms_messages SET (fillfactor = 85);

-- ---- V8__resumable_fold.sql

-- The latest time among an order's events (null: none yet), kept by the reconciler in the same
-- statement as the status, under the order's row lock. Events dated after it can resume the
-- fold from the stored status; anything older makes the reconciler fold the whole history.
ALTER TABLE orders ADD COLUMN history_end timestamptz;
UPDATE orders o SET history_end = e.latest
FROM (SELECT order_id, max(occurred_at) AS latest FROM order_events
      WHERE order_id IS NOT NULL GROUP BY order_id) e
WHERE e.order_id = o.id;

-- Indexes nothing reads, each written with every event or job:
--  * an item's history is its order's (orders.item_code is unique; order_events_timeline),
--    and events of an item with no order yet are found by order_events_parked;
--  * nothing looks events up by when they were received;
--  * since V5 the outbox is claimed kind by kind through outbox_due_by_kind.
DROP INDEX order_events_item;
DROP INDEX order_events_received;
DROP INDEX outbox_due;
-- The daily report reads events by when they happened, office by office. Events arrive
-- roughly in time order, so a block-range index serves it at almost no cost per insert.
CREATE INDEX order_events_occurred ON order_events USING brin (occurred_at);

-- Nothing reads outbox jobs by order.
DROP INDEX outbox_order;
-- The per-phone cap counts recent messages; it filters their status itself. Without the status
-- in the index's predicate, marking a message SENT changes no indexed column, and the update
-- stays on its page (HOT) instead of writing an entry into each of the table's indexes.
DROP INDEX sms_messages_phone_recent;
CREATE INDEX sms_messages_phone_recent ON sms_messages (phone, attempted_at);

-- ---- V9__orders_room_for_updates.sql

-- Every carrier event updates its order (last_event_at, history_end); about half of them change
-- nothing indexed, and such an update stays on its page (HOT) when the page has room for the
-- new row version. At fillfactor 85 an order row (about 300 bytes) had room for two or three
-- versions before the page was pruned, and one update in four moved to another page, writing
-- an entry into each of the table's nine indexes. At 50 almost every such update stays on its
-- page (measured: 2.8 % moved instead of 24 %). Applies to pages written from now on.
ALTER TABLE orders SET (fillfactor = 50);

-- ---- V10__vacuum_the_outbox_often.sql

-- The outbox is a queue: every job is inserted, leased and marked done within seconds, and
-- the worker's claim walks outbox_due_by_kind from its oldest entry. Until a vacuum removes
-- them, the entries of jobs already done stay in that index, and each claim stepped over all
-- of them: with 50,000 jobs done out of a backlog, hundreds of index pages per claim, a fifth
-- of PostgreSQL's time. The default waits for a fifth of the table to be dead; vacuum the
-- outbox after a few thousand changes instead, without the cost-based pauses.
ALTER TABLE outbox SET (autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_scale_factor = 0.02,
                        autovacuum_vacuum_cost_delay = 0);

-- ---- V11__event_inbox.sql

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

-- ---- V12__throttled_queue_vacuum.sql

-- The outbox (V10) and the event inbox (V11) are vacuumed after a few thousand changes; they
-- keep that, but no longer vacuum without the cost-based pauses. Unthrottled, with the embedded
-- server's 5 s naptime, a vacuum of a queue of a few hundred thousand rows took a core and the
-- disk for one to two seconds every five seconds. Under load that was the tail of the
-- webhook's latency: the benchmark's run at 70 % of the maximum showed windows of 1.5 to 2 s
-- in which every request waited 75 to 147 ms (p99 128 ms; 147 ms in a full run). With the
-- default pauses (2 ms per 200 cost units) the same runs had no such window (p99 28 to 52 ms),
-- and the inbox and outbox drained as fast as before.
ALTER TABLE event_inbox RESET (autovacuum_vacuum_cost_delay);
ALTER TABLE outbox RESET (autovacuum_vacuum_cost_delay);

-- ---- V13__message_ids_taken_on_ingest.sql

-- A pushed message's id is now taken when the inbox processor ingests the message, no longer when
-- the message is acknowledged (an acknowledgement only appends to event_inbox). The ids of the
-- messages that wait in the inbox were taken the old way: they are released, or the processor
-- would take them for repeats and drop the messages.
DELETE FROM webhook_messages w USING event_inbox i WHERE w.id = i.message_id;

-- ---- V14__no_insert_vacuum_for_the_inbox.sql

-- The event inbox is a queue: each message is deleted within moments of its insert, and a
-- vacuum after those deletions (V11) is what keeps it small. A vacuum for inserts alone, which
-- PostgreSQL runs to set the visibility map of an insert-only table, is of no use to it; yet
-- while the processor stepped aside under load and only inserts came, one ran every naptime
-- (5 s), with an analyze of the freshly filled table, and each took a core for about a second:
-- the benchmark's run at 70 % of the maximum showed a 0.5 to 1 s window of 80 to 110 ms waits
-- each time. Inserts no longer trigger a vacuum. The analyze, by itself, still took half a second
-- of a core every naptime, reading a sample of 30,000 rows (300 times the statistics target):
-- it now waits until as many rows changed as the table holds (10,000 at least), samples 3,000
-- rows, and skips the columns nothing filters on (the body, the message id, the error).
ALTER TABLE event_inbox SET (autovacuum_vacuum_insert_threshold = -1,
                             autovacuum_analyze_threshold = 10000, autovacuum_analyze_scale_factor = 1);
ALTER TABLE event_inbox ALTER COLUMN body SET STATISTICS 0,
                        ALTER COLUMN message_id SET STATISTICS 0,
                        ALTER COLUMN last_error SET STATISTICS 0,
                        ALTER COLUMN id SET STATISTICS 10,
                        ALTER COLUMN kind SET STATISTICS 10,
                        ALTER COLUMN events SET STATISTICS 10,
                        ALTER COLUMN received_at SET STATISTICS 10,
                        ALTER COLUMN attempts SET STATISTICS 10,
                        ALTER COLUMN not_before SET STATISTICS 10;

-- ---- V15__done_jobs_in_a_partition_of_their_own.sql

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

-- ---- V16__queues_keep_their_empty_pages.sql

-- A vacuum of a table whose last pages are empty gives them back to the file system, and for
-- that takes an ACCESS EXCLUSIVE lock on the table: it tries every 50 ms for up to 5 s, and
-- once it holds the lock, lets go only when it sees someone waiting, checking every 20 ms. The
-- event inbox and the outbox queue empty out again and again, so nearly every vacuum of them
-- did that, and each insert into the inbox (every webhook's acknowledgement) waited behind it:
-- in the benchmark's run at 70 % of the maximum, 2.4 s of truncation attempts on the inbox,
-- with inserts waiting on its lock, were a run of 100 to 150 ms answers. A queue fills again
-- within seconds; it keeps its empty pages for the next rows instead.
ALTER TABLE event_inbox SET (vacuum_truncate = false);
ALTER TABLE outbox_queue SET (vacuum_truncate = false);

-- Their vacuums also run gentler: 10 ms of pause per 200 cost units instead of 2 ms (the pause
-- PostgreSQL had by default until version 12). Their pages are in memory, and a page found in
-- memory costs 1: the default lets a vacuum go through up to 100,000 of them a second. Under
-- load a vacuum of the outbox queue took most of a core for 0.5 to 1.4 s every few seconds,
-- and the webhooks answered in 120 to 190 ms meanwhile. At up to 20,000 pages a second, a
-- vacuum of either queue (up to 16,000 pages after a burst) still ends within seconds.
ALTER TABLE event_inbox SET (autovacuum_vacuum_cost_delay = 10);
ALTER TABLE outbox_queue SET (autovacuum_vacuum_cost_delay = 10);

-- ---- V17__carrier_rejected_records.sql

-- Records of a polled tracking page that break the carrier contract: kept out of the event
-- store, and kept here with what is wrong with them for an admin to look at, so that the poll
-- goes on past them instead of stopping at the first bad one. A record is kept as the carrier
-- sent it, cut at 16 KiB: an absurd one must not fill the disk.
CREATE TABLE carrier_rejected_records (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  carrier      text NOT NULL,
  page_after   text NOT NULL,
  record_id    text,
  record       text NOT NULL,
  truncated    boolean NOT NULL,
  errors       jsonb NOT NULL,
  rejected_at  timestamptz NOT NULL DEFAULT now()
);

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

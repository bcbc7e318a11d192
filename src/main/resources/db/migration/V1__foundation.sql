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

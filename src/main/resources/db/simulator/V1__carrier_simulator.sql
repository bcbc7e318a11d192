-- The simulated carrier's own records, in a schema of their own. Not used with a real carrier.

CREATE TABLE shipments (
  item_code      text PRIMARY KEY,
  customer_code  text NOT NULL,
  order_number   text NOT NULL,
  scenario       text NOT NULL,
  request        jsonb NOT NULL,
  status_code    int NOT NULL DEFAULT 1,
  status_message text NOT NULL DEFAULT 'Đã tạo đơn',
  cancelled_at   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_code, order_number)
);

-- Each item's lifecycle, planned at booking; a step is published when release_at passes
-- (release_at later than due_at: published late, as a delayed scan is).
CREATE TABLE planned_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_code    text NOT NULL REFERENCES shipments (item_code),
  step         int NOT NULL,
  due_at       timestamptz NOT NULL,
  release_at   timestamptz,
  record       jsonb NOT NULL,
  released_at  timestamptz,
  delayed      boolean NOT NULL DEFAULT false,
  UNIQUE (item_code, step)
);
CREATE INDEX planned_events_due ON planned_events (release_at) WHERE released_at IS NULL;

-- The tracking feed read with a cursor: _id is seq as 24 hex digits.
CREATE TABLE feed (
  seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_code    text NOT NULL,
  record       jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scenario_overrides (
  order_number text PRIMARY KEY,
  scenario     text NOT NULL
);

-- Item serials are never reused: a sequence that does not cycle.
CREATE SEQUENCE item_serial MINVALUE 0 MAXVALUE 99999999 START 10000000 NO CYCLE;

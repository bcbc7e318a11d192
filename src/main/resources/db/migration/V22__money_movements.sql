-- Money that changes hands for an order: the fee collected by the courier (from the citizen at
-- pickup, or on delivery) and its hand-over to the office. One row per order and kind, so a
-- repeated scan or a second receipt of the same dossier cannot count the money twice.
CREATE TABLE money_movements (
  id             bigserial PRIMARY KEY,
  order_id       uuid        NOT NULL,
  office_code    text        NOT NULL,
  item_code      text,
  kind           text        NOT NULL CHECK (kind IN ('COLLECTED', 'HANDED_OVER')),
  collection     text        NOT NULL CHECK (collection IN ('AT_PICKUP', 'ON_DELIVERY')),
  amount         bigint      NOT NULL CHECK (amount >= 0),
  due            bigint      NOT NULL CHECK (due >= 0),
  reason         text,
  note           text,
  receipt_number text,
  postal_unit    text,
  courier_key    uuid,
  courier_name   text,
  occurred_at    timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, kind)
);

CREATE INDEX money_movements_office_time ON money_movements (office_code, occurred_at);

-- Post -> desk handovers (biên bản giao nhận, Circular 17/2017 Art. 5 steps 5-8): a postal unit
-- brings the collected PICKUP legs of one office on one record; the desk receives them in one
-- scan with a re-tally per dossier. The counterpart of manifests (desk -> post).
CREATE TABLE handovers (
  id              uuid PRIMARY KEY,
  code            text        NOT NULL UNIQUE,
  office_code     text        NOT NULL REFERENCES offices (code),
  postal_unit     text        NOT NULL,
  courier_key     uuid,
  courier_name    text,
  -- the courier's Idempotency-Key and the request it came with: a retry finds the same record
  idempotency_key text        NOT NULL,
  request_hash    bytea       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  received_at     timestamptz,
  received_by     uuid,
  UNIQUE (postal_unit, idempotency_key)
);
CREATE INDEX handovers_office ON handovers (office_code, created_at DESC);

-- One dossier on a handover: what the courier recorded at pickup (the reference for the desk's
-- re-tally) and, once received, what the desk counted.
CREATE TABLE handover_items (
  handover_id   uuid   NOT NULL REFERENCES handovers (id),
  order_id      uuid   NOT NULL REFERENCES orders (id),
  position      int    NOT NULL,
  expected      jsonb,
  seal_number   text,
  fee_collected bigint,
  received      jsonb,
  PRIMARY KEY (handover_id, order_id)
);
CREATE INDEX handover_items_order ON handover_items (order_id);

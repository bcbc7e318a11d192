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

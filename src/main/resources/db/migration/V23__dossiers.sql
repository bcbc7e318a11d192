-- Issue 25: the dossier (hồ sơ) a desk thinks in, with the mode the citizen chose (Decision
-- 45/2016 Art. 5) and up to two legs. The legs stay in orders; a dossier names them, so orders
-- gain no column and the fold, the ingest and the carrier know nothing of dossiers.
CREATE TABLE dossiers (
  id                 uuid PRIMARY KEY,
  office_code        text NOT NULL,
  dossier_code       text NOT NULL,
  procedure_code     text NOT NULL,
  mode               text NOT NULL CHECK (mode IN ('SUBMIT_BY_POST', 'RESULT_BY_POST', 'BOTH')),
  status             text NOT NULL,
  citizen_name       text NOT NULL,
  citizen_phone      text NOT NULL,
  collection_address jsonb,
  delivery_address   jsonb,
  contents           text,
  fee_to_collect     bigint NOT NULL DEFAULT 0 CHECK (fee_to_collect >= 0),
  notify_sms         boolean NOT NULL DEFAULT true,
  appointment_date   date,
  supplement         jsonb,
  pickup_order_id    uuid,
  delivery_order_id  uuid,
  -- every step the dossier took: {"step", "from", "to", "at"}, oldest first
  steps              jsonb NOT NULL DEFAULT '[]',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  status_changed_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dossiers_one_per_code UNIQUE (office_code, dossier_code)
);

CREATE INDEX dossiers_office_created ON dossiers (office_code, created_at DESC, id DESC);
-- a leg's status change finds its dossier by the leg
CREATE INDEX dossiers_pickup ON dossiers (pickup_order_id) WHERE pickup_order_id IS NOT NULL;
CREATE INDEX dossiers_delivery ON dossiers (delivery_order_id) WHERE delivery_order_id IS NOT NULL;

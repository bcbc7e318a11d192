-- The procedure catalogue of each office (issue 25, point 3): what the office publishes for
-- each administrative procedure (Circular 01/2018/TT-VPCP adds the postal columns), and the
-- components a dossier of it must hold, which the courier's pickup checklist and the desk's
-- re-tally are compared with (Circular 17/2017, Art. 5, steps 1, 2 and 6). The components are
-- one jsonb array ([{name, kind, count}]): they are always read and replaced with their
-- procedure, never queried alone.
CREATE TABLE procedures (
  office_code        text        NOT NULL REFERENCES offices (code),
  code               text        NOT NULL CHECK (code ~ '^\d\.\d{6}$'),
  name               text        NOT NULL,
  postal_submission  boolean     NOT NULL,
  postal_return      boolean     NOT NULL,
  fee                bigint      NOT NULL CHECK (fee >= 0),
  processing_days    integer     NOT NULL CHECK (processing_days >= 1),
  components         jsonb       NOT NULL CHECK (jsonb_typeof(components) = 'array'),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (office_code, code)
);

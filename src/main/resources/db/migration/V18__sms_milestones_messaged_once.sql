-- Each milestone of an order is messaged at most once (issue 24): a re-scan, a carrier record
-- sent again or a manifest scanned again moves an order back into a status it had, and each
-- such move writes an SMS job. The first job of a milestone claims it here when it records its
-- message (notify/Milestone names them; out for delivery and failures carry their attempt);
-- any later one finds it taken.
-- The order's link generation, which a phone correction moves on, says which number was told:
-- the correction's message of the current milestone takes it over only for a new number.
CREATE TABLE sms_milestones (
  order_id        uuid NOT NULL REFERENCES orders (id),
  milestone       text NOT NULL,
  outbox_id       bigint NOT NULL,
  link_generation int NOT NULL,
  claimed_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, milestone)
);

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

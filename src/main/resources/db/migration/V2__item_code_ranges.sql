-- Ranges of S10 serials this service assigns itself, for carriers that want sender-assigned codes.
CREATE TABLE item_code_ranges (
  indicator    text PRIMARY KEY,
  next_serial  bigint NOT NULL,
  last_serial  bigint NOT NULL
);

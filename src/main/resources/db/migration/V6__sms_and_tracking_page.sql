-- Citizen SMS: one row per sms.send job that reached the point of sending (or was held back
-- for good), so that caps can be counted and delivery receipts recorded.
CREATE TABLE sms_messages (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id       bigint NOT NULL UNIQUE,
  order_id        uuid NOT NULL REFERENCES orders (id),
  phone           text NOT NULL,
  template        text NOT NULL,
  body            text NOT NULL,
  gateway         text NOT NULL,
  status          text NOT NULL CHECK (status IN ('SENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED')),
  reason          text,
  gateway_ref     text,
  attempted_at    timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  receipt_at      timestamptz,
  receipt_status  text
);
CREATE INDEX sms_messages_order ON sms_messages (order_id);
CREATE INDEX sms_messages_phone_recent ON sms_messages (phone, attempted_at)
  WHERE status IN ('SENDING', 'SENT', 'DELIVERED');

-- The second factor of the tracking page: wrong answers lock a link for a while.
ALTER TABLE tracking_tokens ADD COLUMN failed_checks int NOT NULL DEFAULT 0;
ALTER TABLE tracking_tokens ADD COLUMN locked_until timestamptz;

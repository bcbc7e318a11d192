-- The latest time among an order's events (null: none yet), kept by the reconciler in the same
-- statement as the status, under the order's row lock. Events dated after it can resume the
-- fold from the stored status; anything older makes the reconciler fold the whole history.
ALTER TABLE orders ADD COLUMN history_end timestamptz;
UPDATE orders o SET history_end = e.latest
FROM (SELECT order_id, max(occurred_at) AS latest FROM order_events
      WHERE order_id IS NOT NULL GROUP BY order_id) e
WHERE e.order_id = o.id;

-- Indexes nothing reads, each written with every event or job:
--  * an item's history is its order's (orders.item_code is unique; order_events_timeline),
--    and events of an item with no order yet are found by order_events_parked;
--  * nothing looks events up by when they were received;
--  * since V5 the outbox is claimed kind by kind through outbox_due_by_kind.
DROP INDEX order_events_item;
DROP INDEX order_events_received;
DROP INDEX outbox_due;
-- The daily report reads events by when they happened, office by office. Events arrive
-- roughly in time order, so a block-range index serves it at almost no cost per insert.
CREATE INDEX order_events_occurred ON order_events USING brin (occurred_at);

-- Nothing reads outbox jobs by order.
DROP INDEX outbox_order;
-- The per-phone cap counts recent messages; it filters their status itself. Without the status
-- in the index's predicate, marking a message SENT changes no indexed column, and the update
-- stays on its page (HOT) instead of writing an entry into each of the table's indexes.
DROP INDEX sms_messages_phone_recent;
CREATE INDEX sms_messages_phone_recent ON sms_messages (phone, attempted_at);

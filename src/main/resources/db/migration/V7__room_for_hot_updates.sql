-- Rows updated often keep room on their page for the new version: an update that changes no
-- indexed column then stays on the page (a HOT update) and touches none of the indexes. Orders
-- get one update per carrier event (most only move last_event_at); outbox jobs one when claimed
-- and one when done. Applies to pages written from now on.
ALTER TABLE orders SET (fillfactor = 85);
ALTER TABLE outbox SET (fillfactor = 80);
ALTER TABLE sms_messages SET (fillfactor = 85);

-- A vacuum of a table whose last pages are empty gives them back to the file system, and for
-- that takes an ACCESS EXCLUSIVE lock on the table: it tries every 50 ms for up to 5 s, and
-- once it holds the lock, lets go only when it sees someone waiting, checking every 20 ms. The
-- event inbox and the outbox queue empty out again and again, so nearly every vacuum of them
-- did that, and each insert into the inbox (every webhook's acknowledgement) waited behind it:
-- in the benchmark's run at 70 % of the maximum, 2.4 s of truncation attempts on the inbox,
-- with inserts waiting on its lock, were a run of 100 to 150 ms answers. A queue fills again
-- within seconds; it keeps its empty pages for the next rows instead.
ALTER TABLE event_inbox SET (vacuum_truncate = false);
ALTER TABLE outbox_queue SET (vacuum_truncate = false);

-- Their vacuums also run gentler: 10 ms of pause per 200 cost units instead of 2 ms (the pause
-- PostgreSQL had by default until version 12). Their pages are in memory, and a page found in
-- memory costs 1: the default lets a vacuum go through up to 100,000 of them a second. Under
-- load a vacuum of the outbox queue took most of a core for 0.5 to 1.4 s every few seconds,
-- and the webhooks answered in 120 to 190 ms meanwhile. At up to 20,000 pages a second, a
-- vacuum of either queue (up to 16,000 pages after a burst) still ends within seconds.
ALTER TABLE event_inbox SET (autovacuum_vacuum_cost_delay = 10);
ALTER TABLE outbox_queue SET (autovacuum_vacuum_cost_delay = 10);

-- The outbox (V10) and the event inbox (V11) are vacuumed after a few thousand changes; they
-- keep that, but no longer vacuum without the cost-based pauses. Unthrottled, with the embedded
-- server's 5 s naptime, a vacuum of a queue of a few hundred thousand rows took a core and the
-- disk for one to two seconds every five seconds. Under load that was the tail of the
-- webhook's latency: the benchmark's run at 70 % of the maximum showed windows of 1.5 to 2 s
-- in which every request waited 75 to 147 ms (p99 128 ms; 147 ms in a full run). With the
-- default pauses (2 ms per 200 cost units) the same runs had no such window (p99 28 to 52 ms),
-- and the inbox and outbox drained as fast as before.
ALTER TABLE event_inbox RESET (autovacuum_vacuum_cost_delay);
ALTER TABLE outbox RESET (autovacuum_vacuum_cost_delay);

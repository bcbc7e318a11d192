-- The event inbox is a queue: each message is deleted within moments of its insert, and a
-- vacuum after those deletions (V11) is what keeps it small. A vacuum for inserts alone, which
-- PostgreSQL runs to set the visibility map of an insert-only table, is of no use to it; yet
-- while the processor stepped aside under load and only inserts came, one ran every naptime
-- (5 s), with an analyze of the freshly filled table, and each took a core for about a second:
-- the benchmark's run at 70 % of the maximum showed a 0.5 to 1 s window of 80 to 110 ms waits
-- each time. Inserts no longer trigger a vacuum. The analyze, by itself, still took half a second
-- of a core every naptime, reading a sample of 30,000 rows (300 times the statistics target):
-- it now waits until as many rows changed as the table holds (10,000 at least), samples 3,000
-- rows, and skips the columns nothing filters on (the body, the message id, the error).
ALTER TABLE event_inbox SET (autovacuum_vacuum_insert_threshold = -1,
                             autovacuum_analyze_threshold = 10000, autovacuum_analyze_scale_factor = 1);
ALTER TABLE event_inbox ALTER COLUMN body SET STATISTICS 0,
                        ALTER COLUMN message_id SET STATISTICS 0,
                        ALTER COLUMN last_error SET STATISTICS 0,
                        ALTER COLUMN id SET STATISTICS 10,
                        ALTER COLUMN kind SET STATISTICS 10,
                        ALTER COLUMN events SET STATISTICS 10,
                        ALTER COLUMN received_at SET STATISTICS 10,
                        ALTER COLUMN attempts SET STATISTICS 10,
                        ALTER COLUMN not_before SET STATISTICS 10;

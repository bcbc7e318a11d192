-- The outbox is a queue: every job is inserted, leased and marked done within seconds, and
-- the worker's claim walks outbox_due_by_kind from its oldest entry. Until a vacuum removes
-- them, the entries of jobs already done stay in that index, and each claim stepped over all
-- of them: with 50,000 jobs done out of a backlog, hundreds of index pages per claim, a fifth
-- of PostgreSQL's time. The default waits for a fifth of the table to be dead; vacuum the
-- outbox after a few thousand changes instead, without the cost-based pauses.
ALTER TABLE outbox SET (autovacuum_vacuum_threshold = 2000, autovacuum_vacuum_scale_factor = 0.02,
                        autovacuum_vacuum_cost_delay = 0);

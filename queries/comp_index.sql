-- Compensation's index (comp_records.sql), created by the first report of an
-- organisation with a compensation schedule (not by the loader: a fresh load
-- does not pay for it, and an organisation without one never has it): the
-- open records with every field the sums need (the first part of
-- comp_records.sql): at 10 million records the 378k open ones were a random
-- table read each (2.2 s with a cold cache, 0.9 s CPU), from this index
-- 0.1 s. From then on the loads keep it. (The resolved records come from the
-- figures' record_resolved, fig_index.sql.)
CREATE INDEX IF NOT EXISTS record_comp_open
ON record(registered, category, wing, xen_id, return_count)
WHERE disposed IS NULL

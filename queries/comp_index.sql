-- Compensation's index (comp_records.sql), created by the first report of an
-- organisation with a compensation schedule (not by the loader: a fresh load
-- does not pay for it, and an organisation without one never has it): the
-- resolved records by disposal time with every field the sums need, so that
-- a month of disposals is read from the index alone (242k records, a night:
-- 0.45 s of table look-ups -> a few hundredths). From then on the loads keep it.
CREATE INDEX IF NOT EXISTS record_comp
ON record(disposed, registered, category, wing, xen_id, return_count)
WHERE status = 'RESOLVED' AND time_anomaly = 0

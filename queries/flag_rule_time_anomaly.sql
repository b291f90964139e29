-- TIME_ANOMALY: affected records disposed before they were registered.
-- Columns: rec, wing, xen_id, registered, disposed.
SELECT r.rec, r.wing, r.xen_id, r.registered, r.disposed
FROM temp.flag_aff r
WHERE r.disposed < r.registered AND r.need & 1

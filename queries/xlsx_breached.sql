-- Breached sheet: every record of one wing judged BREACHED in the report
-- window (judged_at, i.e. its deadline, in [:d0, :d1)); late_s = seconds
-- past the deadline at disposal, or at the end of the window when still open
-- then; worst first. Time anomalies left out. Subdivision as the org chart
-- spells it (temp.xlsx_subdiv), else as found.
SELECT record_id, source, category, xen_id,
       coalesce((SELECT s.name FROM temp.xlsx_subdiv s WHERE s.key = subdivision_key),
                subdivision) AS subdivision, status, registered, deadline,
       disposed, MIN(COALESCE(disposed, :d1), :d1) - deadline AS late_s, closed_by, channel
FROM record
WHERE judged_at >= :d0 AND judged_at < :d1 AND +wing = :wing AND outcome = 'BREACHED'
  AND (disposed IS NULL OR disposed >= registered)
ORDER BY late_s DESC, source, record_id

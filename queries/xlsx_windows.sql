-- Every record event the workbooks' week, month and 30-day windows and the
-- 30-day trend count, for all wings at once, over [?1, ?2); one row per event
-- as (wing, xen_id, kind, registered, disposed, time_anomaly, status,
-- judged_at, outcome, deadline): kind 0 registered in the range; 1 disposed
-- in it; 2 judged in it (MET or BREACHED); 3 a record pending at ?3 (the end
-- of the report window): open and registered before it, or disposed at or
-- after it (time anomalies left out), as queries/fig_window.sql counts the
-- backlog. xlsx_win.c applies the figure definitions of METRICS.md per
-- window in C (as metrics_compute() adds up fig_window.sql) and the trend's
-- own (xlsx_trend.sql), so the windows cost one range on each time index
-- instead of one metrics_compute() each. No filters here beyond the ranges:
-- the C side sees every column it tests.
SELECT wing, xen_id, 0, registered, disposed, time_anomaly, status, NULL, NULL, deadline
FROM record WHERE registered >= ?1 AND registered < ?2
UNION ALL
SELECT wing, xen_id, 1, registered, disposed, time_anomaly, status, NULL, NULL, deadline
FROM record WHERE disposed >= ?1 AND disposed < ?2
UNION ALL
SELECT wing, xen_id, 2, registered, disposed, time_anomaly, status, judged_at, outcome, deadline
FROM record WHERE judged_at >= ?1 AND judged_at < ?2 AND outcome IN ('MET', 'BREACHED')
UNION ALL
SELECT wing, xen_id, 3, registered, disposed, time_anomaly, status, NULL, NULL, deadline
FROM record WHERE disposed IS NULL AND registered < ?3
UNION ALL
SELECT wing, xen_id, 3, registered, disposed, time_anomaly, status, NULL, NULL, deadline
FROM record WHERE disposed >= ?3 AND +registered < ?3 AND time_anomaly = 0

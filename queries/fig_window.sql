-- Every contribution of a record to the figures of METRICS.md over the window
-- [?1, ?2), one row each, as (wing, xen_id, kind, value); metrics_compute()
-- adds them up per XEN, per wing and for ALL, and takes the nearest-rank
-- percentiles of the resolution times. kind 0 received (registered in the
-- window); 1 resolved (RESOLVED, disposed in the window; value = disposed -
-- registered in seconds); 2 rejected (REJECTED, disposed in the window);
-- 3 met, 4 breached (judged in the window with that outcome); 5 pending at the
-- end (registered before ?2 and open, or disposed at or after ?2; value 1 when
-- also overdue: deadline before ?2). TIME_ANOMALY records are left out of
-- every figure. Each branch is a range on one index (registered, disposed,
-- judged_at, and disposed IS NULL for the backlog), so a day's figures never
-- read all history; '+' keeps the planner off the other column's index. No
-- GROUP BY: sorting millions of rows for a long window costs more than
-- adding them up in C.
SELECT wing, xen_id, 0, 0
FROM record WHERE registered >= ?1 AND registered < ?2 AND time_anomaly = 0
UNION ALL
SELECT wing, xen_id, CASE status WHEN 'RESOLVED' THEN 1 ELSE 2 END, disposed - registered
FROM record WHERE disposed >= ?1 AND disposed < ?2 AND time_anomaly = 0 AND status <> 'OPEN'
UNION ALL
SELECT wing, xen_id, CASE outcome WHEN 'MET' THEN 3 ELSE 4 END, 0
FROM record WHERE judged_at >= ?1 AND judged_at < ?2 AND outcome IN ('MET', 'BREACHED')
UNION ALL
SELECT wing, xen_id, 5, coalesce(deadline < ?2, 0)
FROM record WHERE disposed IS NULL AND registered < ?2
UNION ALL
SELECT wing, xen_id, 5, coalesce(deadline < ?2, 0)
FROM record WHERE disposed >= ?2 AND +registered < ?2 AND time_anomaly = 0

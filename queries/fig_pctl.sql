-- Median and 90th percentile (nearest rank, nv_pctl) of disposed - registered
-- in seconds over records RESOLVED in [?1, ?2), TIME_ANOMALY left out:
-- level 0 per (wing, xen_id), level 1 per wing (xen_id ''), level 2 for the
-- whole organisation (wing 'ALL'; NULLs when nothing was resolved).
WITH res (wing, xen_id, s) AS MATERIALIZED (
    SELECT wing, xen_id, disposed - registered FROM record
    WHERE disposed >= ?1 AND disposed < ?2 AND status = 'RESOLVED' AND time_anomaly = 0
)
SELECT 0, wing, xen_id, nv_pctl(s, 0.5), nv_pctl(s, 0.9) FROM res GROUP BY wing, xen_id
UNION ALL
SELECT 1, wing, '', nv_pctl(s, 0.5), nv_pctl(s, 0.9) FROM res GROUP BY wing
UNION ALL
SELECT 2, 'ALL', '', nv_pctl(s, 0.5), nv_pctl(s, 0.9) FROM res

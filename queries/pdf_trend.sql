-- MD report trend chart: one row per event in [?1, ?2): kind 0 = a record
-- received (registered) at t, kind 1 = judged BREACHED at t, kind 2 = judged
-- MET at t. The caller buckets t into local days. TIME_ANOMALY records are
-- left out as in every figure (an anomaly is never judged).
SELECT 0, registered FROM record WHERE registered >= ?1 AND registered < ?2 AND time_anomaly = 0
UNION ALL
SELECT 1 + (outcome = 'MET'), judged_at FROM record
WHERE judged_at >= ?1 AND judged_at < ?2 AND outcome IS NOT NULL

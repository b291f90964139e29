-- Contributions to the Summary's 30-day trend of every wing over [?1, ?2),
-- one row each as (wing, kind, instant): kind 0 received (at registered),
-- 1 resolved (RESOLVED, at disposed), 2 met and 3 breached (at judged_at),
-- as METRICS.md defines them; time anomalies (disposed < registered) left
-- out. Each branch is one range on one time index, read once for all wings:
-- xlsx_summary.c adds the rows up per wing and local day into
-- temp.xlsx_trend.
SELECT wing, 0, registered
FROM record WHERE registered >= ?1 AND registered < ?2
  AND (disposed IS NULL OR disposed >= registered)
UNION ALL
SELECT wing, 1, disposed
FROM record WHERE disposed >= ?1 AND disposed < ?2 AND status = 'RESOLVED'
  AND disposed >= registered
UNION ALL
SELECT wing, CASE outcome WHEN 'MET' THEN 2 ELSE 3 END, judged_at
FROM record WHERE judged_at >= ?1 AND judged_at < ?2 AND outcome IN ('MET', 'BREACHED')
  AND (disposed IS NULL OR disposed >= registered)

-- By category sheet: the day figures of METRICS.md per category of one wing
-- over the report window [:d0, :d1), for every category with a figure in it;
-- time anomalies (disposed < registered) left out. Each branch is a range on
-- one time index ('+' keeps the planner off the wing index). compliance_pct
-- is rounded half away from zero to one decimal in integers (as the open
-- data); median_s / p90_s are seconds by nearest rank (nv_pctl).
WITH b AS (
  SELECT category, 1 AS rcv, 0 AS res, 0 AS rej, 0 AS met, 0 AS brd, 0 AS pnd, 0 AS ovd,
         NULL AS took
  FROM record WHERE registered >= :d0 AND registered < :d1 AND +wing = :wing
    AND (disposed IS NULL OR disposed >= registered)
  UNION ALL
  SELECT category, 0, status = 'RESOLVED', status = 'REJECTED', 0, 0, 0, 0,
         CASE WHEN status = 'RESOLVED' THEN disposed - registered END
  FROM record WHERE disposed >= :d0 AND disposed < :d1 AND +wing = :wing
    AND disposed >= registered
  UNION ALL
  SELECT category, 0, 0, 0, outcome = 'MET', outcome = 'BREACHED', 0, 0, NULL
  FROM record WHERE judged_at >= :d0 AND judged_at < :d1 AND +wing = :wing
    AND outcome IS NOT NULL AND (disposed IS NULL OR disposed >= registered)
  UNION ALL
  SELECT category, 0, 0, 0, 0, 0, 1, coalesce(deadline < :d1, 0), NULL
  FROM record WHERE disposed IS NULL AND registered < :d1 AND +wing = :wing
  UNION ALL
  SELECT category, 0, 0, 0, 0, 0, 1, coalesce(deadline < :d1, 0), NULL
  FROM record WHERE disposed >= :d1 AND +registered < :d1 AND +wing = :wing
    AND disposed >= registered
), f AS (
  SELECT category, sum(rcv) AS received, sum(res) AS resolved, sum(rej) AS rejected,
         sum(met) AS met, sum(brd) AS breached, nv_pctl(took, 0.5) AS median_s,
         nv_pctl(took, 0.9) AS p90_s, sum(pnd) AS pending_end, sum(ovd) AS overdue_end
  FROM b GROUP BY category
)
SELECT category, received, resolved, rejected, met, breached, met + breached AS judged,
  CASE WHEN met + breached > 0
       THEN ((2000 * met + (met + breached)) / (2 * (met + breached))) / 10.0 END AS compliance_pct,
  median_s, p90_s, pending_end, overdue_end
FROM f
ORDER BY category

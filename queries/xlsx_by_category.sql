-- By category sheet: the day figures of METRICS.md per category of one wing
-- over the report window [:d0, :d1) (every category the wing has records
-- of, zeros included); time anomalies (disposed < registered) left out.
-- compliance_pct is rounded half away from zero to one decimal in integers
-- (as the open data); median_s / p90_s are seconds by nearest rank.
WITH r AS (
  SELECT category, status, registered, disposed, deadline, outcome, judged_at
  FROM record
  WHERE wing = :wing AND (disposed IS NULL OR disposed >= registered)
), f AS (
  SELECT category,
    SUM(registered >= :d0 AND registered < :d1) AS received,
    SUM(status = 'RESOLVED' AND disposed >= :d0 AND disposed < :d1) AS resolved,
    SUM(status = 'REJECTED' AND disposed >= :d0 AND disposed < :d1) AS rejected,
    SUM(outcome = 'MET' AND judged_at >= :d0 AND judged_at < :d1) AS met,
    SUM(outcome = 'BREACHED' AND judged_at >= :d0 AND judged_at < :d1) AS breached,
    nv_pctl(CASE WHEN status = 'RESOLVED' AND disposed >= :d0 AND disposed < :d1
                 THEN disposed - registered END, 0.5) AS median_s,
    nv_pctl(CASE WHEN status = 'RESOLVED' AND disposed >= :d0 AND disposed < :d1
                 THEN disposed - registered END, 0.9) AS p90_s,
    SUM(registered < :d1 AND (disposed IS NULL OR disposed >= :d1)) AS pending_end,
    SUM(registered < :d1 AND (disposed IS NULL OR disposed >= :d1) AND deadline < :d1)
      AS overdue_end
  FROM r GROUP BY category
)
SELECT category, received, resolved, rejected, met, breached, met + breached AS judged,
  CASE WHEN met + breached > 0
       THEN ((2000 * met + (met + breached)) / (2 * (met + breached))) / 10.0 END AS compliance_pct,
  median_s, p90_s, pending_end, overdue_end
FROM f
ORDER BY category

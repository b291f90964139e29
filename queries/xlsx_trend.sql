-- Summary 30-day trend of one wing: for each day [s, e) of temp.xlsx_days,
-- received, resolved, met and breached as METRICS.md defines them, records
-- with disposed < registered (time anomalies) left out.
SELECT d.day,
  (SELECT count(*) FROM record WHERE registered >= d.s AND registered < d.e AND +wing = :wing
      AND (disposed IS NULL OR disposed >= registered)) AS received,
  (SELECT count(*) FROM record WHERE disposed >= d.s AND disposed < d.e AND +wing = :wing
      AND status = 'RESOLVED' AND disposed >= registered) AS resolved,
  (SELECT count(*) FROM record WHERE judged_at >= d.s AND judged_at < d.e AND +wing = :wing
      AND outcome = 'MET' AND (disposed IS NULL OR disposed >= registered)) AS met,
  (SELECT count(*) FROM record WHERE judged_at >= d.s AND judged_at < d.e AND +wing = :wing
      AND outcome = 'BREACHED' AND (disposed IS NULL OR disposed >= registered)) AS breached
FROM temp.xlsx_days d
ORDER BY d.day

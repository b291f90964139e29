-- By category sheet: the figures of METRICS.md per category of one wing over
-- the report window, for every category with a figure in it, as the figures
-- engine computed them (temp.xlsx_cat, filled by xlsx.c).
SELECT category, received, resolved, rejected, met, breached, judged, compliance_pct,
       median_s, p90_s, pending_end, overdue_end
FROM temp.xlsx_cat
WHERE wing = :wing
ORDER BY category

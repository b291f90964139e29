-- MD report: risk flags of the window per wing and severity: record-level
-- flags on records registered or disposed in [?1, ?2) and officer-level
-- flags computed for report day ?3 (FLAGS.md, "Where flags go").
SELECT f.wing, f.severity, count(*)
FROM flag f LEFT JOIN record r ON r.rec = f.rec
WHERE (f.rec IS NULL AND f.report_day = ?3)
   OR (f.rec IS NOT NULL AND ((r.registered >= ?1 AND r.registered < ?2)
                              OR (r.disposed >= ?1 AND r.disposed < ?2)))
GROUP BY f.wing, f.severity
ORDER BY f.wing

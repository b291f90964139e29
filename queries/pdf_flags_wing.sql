-- MD report (flags not reviewed EXPLAINED): risk flags of the window per wing and severity: record-level
-- flags on records registered or disposed in [?1, ?2) and officer-level
-- flags computed for report day ?3 (FLAGS.md, "Where flags go").
SELECT f.wing, f.severity, count(*)
FROM flag f LEFT JOIN record r ON r.rec = f.rec
WHERE ((f.rec IS NULL AND f.report_day = ?3)
       OR (f.rec IS NOT NULL AND ((r.registered >= ?1 AND r.registered < ?2)
                                  OR (r.disposed >= ?1 AND r.disposed < ?2))))
  -- a flag reviewed EXPLAINED leaves the MD's top flags and counts (VERIFY.md)
  AND NOT EXISTS (SELECT 1 FROM flag_review v
                  WHERE v.review = 'EXPLAINED'
                    AND v.flag_key = CASE WHEN f.rec IS NULL
                                          THEN f.flag_code || '|' || f.xen_id || '|' || f.report_day
                                          ELSE f.flag_code || '|' || r.source || '|' || r.record_id END)
GROUP BY f.wing, f.severity
ORDER BY f.wing

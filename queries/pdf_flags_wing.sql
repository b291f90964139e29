-- MD report (flags not reviewed EXPLAINED): risk flags of the window per wing and severity: record-level
-- flags on records registered or disposed in [?1, ?2) and officer-level
-- flags computed for report day ?3 (FLAGS.md, "Where flags go").
-- The flags are found from the window's records (d: registered in it, or
-- disposed in it and registered outside it, both from indexes alone, then
-- flag_rec), not by reading every flag of history and its record.
WITH d (rec) AS (
    SELECT rec FROM record WHERE registered >= ?1 AND registered < ?2
    UNION ALL
    SELECT rec FROM record
    WHERE disposed >= ?1 AND disposed < ?2 AND NOT (+registered >= ?1 AND +registered < ?2)),
f AS (
    SELECT flag_code, severity, wing, xen_id, report_day, rec, evidence FROM flag
    WHERE rec IS NULL AND report_day = ?3
    UNION ALL
    SELECT g.flag_code, g.severity, g.wing, g.xen_id, g.report_day, g.rec, g.evidence
    FROM d CROSS JOIN flag g ON g.rec = d.rec)
SELECT f.wing, f.severity, count(*)
FROM f LEFT JOIN record r ON r.rec = f.rec
  -- a flag reviewed EXPLAINED leaves the MD's top flags and counts (VERIFY.md)
WHERE NOT EXISTS (SELECT 1 FROM flag_review v
                  WHERE v.review = 'EXPLAINED'
                    AND v.flag_key = CASE WHEN f.rec IS NULL
                                          THEN f.flag_code || '|' || f.xen_id || '|' || f.report_day
                                          ELSE f.flag_code || '|' || r.source || '|' || r.record_id END)
GROUP BY f.wing, f.severity
ORDER BY f.wing

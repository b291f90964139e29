-- MD report (flags not reviewed EXPLAINED): the first ?4 risk flags of the window (as pdf_flags_wing) by
-- severity (HIGH first), then code, wing, XEN and record id, with evidence.
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
SELECT f.flag_code, f.severity, f.wing, f.xen_id, r.record_id, r.source, r.registered,
       r.disposed, f.evidence
FROM f LEFT JOIN record r ON r.rec = f.rec
  -- a flag reviewed EXPLAINED leaves the MD's top flags and counts (VERIFY.md)
WHERE NOT EXISTS (SELECT 1 FROM flag_review v
                  WHERE v.review = 'EXPLAINED'
                    AND v.flag_key = CASE WHEN f.rec IS NULL
                                          THEN f.flag_code || '|' || f.xen_id || '|' || f.report_day
                                          ELSE f.flag_code || '|' || r.source || '|' || r.record_id END)
ORDER BY CASE f.severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END,
         f.flag_code, f.wing, f.xen_id, r.record_id
LIMIT ?4

-- MD report (flags not reviewed EXPLAINED): the first ?4 risk flags of the window (as pdf_flags_wing) by
-- severity (HIGH first), then code, wing, XEN and record id, with evidence.
SELECT f.flag_code, f.severity, f.wing, f.xen_id, r.record_id, r.source, r.registered,
       r.disposed, f.evidence
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
ORDER BY CASE f.severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END,
         f.flag_code, f.wing, f.xen_id, r.record_id
LIMIT ?4

-- Risk flags sheet: every flag of one wing on a record registered or
-- disposed in the report window, plus the wing's officer-level flags of the
-- report (report_day = :report_day); HIGH first, then by code, record, XEN.
SELECT f.severity, f.flag_code,
       CASE WHEN f.rec IS NULL THEN 'XEN' ELSE 'record' END AS level,
       r.record_id, r.source, f.xen_id, r.subdivision, r.category, r.status,
       r.registered, r.disposed, f.evidence
FROM flag f LEFT JOIN record r ON r.rec = f.rec
WHERE f.wing = :wing
  AND ((f.rec IS NOT NULL AND ((r.registered >= :d0 AND r.registered < :d1)
                               OR (r.disposed >= :d0 AND r.disposed < :d1)))
       OR (f.rec IS NULL AND f.report_day = :report_day))
ORDER BY CASE f.severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END,
         f.flag_code, r.source, r.record_id, f.xen_id

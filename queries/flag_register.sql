-- The full flag register (internal/risk_flags.csv): every record-level flag
-- with its record, and every officer-level flag stored, sorted by flag_code,
-- record_id, xen_id in byte order (then source, report day, evidence, so the
-- order is total).
-- Columns: flag_code, severity, record_id, source, wing, xen_id, registered,
-- disposed, evidence (record_id .. disposed NULL for officer-level flags),
-- review (the stored review of VERIFY.md by the flag's key, NULL when none).
SELECT f.flag_code, f.severity, r.record_id, r.source, f.wing, f.xen_id, r.registered,
       r.disposed, f.evidence, v.review
FROM flag f LEFT JOIN record r ON r.rec = f.rec
LEFT JOIN flag_review v
       ON v.flag_key = CASE WHEN f.rec IS NULL THEN f.flag_code || '|' || f.xen_id || '|' || f.report_day
                            ELSE f.flag_code || '|' || r.source || '|' || r.record_id END
WHERE f.rec IS NULL OR r.rec IS NOT NULL
ORDER BY f.flag_code COLLATE BINARY, coalesce(r.record_id, '') COLLATE BINARY,
         f.xen_id COLLATE BINARY, coalesce(r.source, '') COLLATE BINARY,
         coalesce(f.report_day, '') COLLATE BINARY, f.evidence COLLATE BINARY

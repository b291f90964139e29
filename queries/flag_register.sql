-- The full flag register (internal/risk_flags.csv): every record-level flag
-- with its record, and every officer-level flag stored, sorted by flag_code,
-- record_id, xen_id in byte order (then source, report day, evidence, so the
-- order is total).
-- Columns: flag_code, severity, record_id, source, wing, xen_id, registered,
-- disposed, evidence (record_id .. disposed NULL for officer-level flags),
-- review (the stored review of VERIFY.md by the flag's key, NULL when none).
-- The record's fields are those the flag carries (migrate_006.sql): the
-- register reads no record row. The order is that of the index
-- flag_register_order (migrate_012.sql), which SQLite reads instead of
-- sorting: keep the two alike.
SELECT f.flag_code, f.severity, f.record_id, f.source, f.wing, f.xen_id, f.registered,
       f.disposed, f.evidence, v.review
FROM flag f
LEFT JOIN flag_review v
       ON v.flag_key = CASE WHEN f.rec IS NULL THEN f.flag_code || '|' || f.xen_id || '|' || f.report_day
                            ELSE f.flag_code || '|' || f.source || '|' || f.record_id END
ORDER BY f.flag_code COLLATE BINARY, coalesce(f.record_id, '') COLLATE BINARY,
         f.xen_id COLLATE BINARY, coalesce(f.source, '') COLLATE BINARY,
         coalesce(f.report_day, '') COLLATE BINARY, f.evidence COLLATE BINARY

-- The flag a flag key names: 'code|source|record_id' for a record-level
-- flag (:a = source, :b = record_id), 'code|xen_id|report_day' for an
-- officer-level one (:a = xen_id, :b = report_day): its wing, its record
-- (NULL for an officer-level flag), XEN and report day (NULL for a
-- record-level one); no row when the key is of no flag.
SELECT f.wing, f.rec, NULL, NULL FROM flag f JOIN record r ON r.rec = f.rec
WHERE f.flag_code = :code AND r.source = :a AND r.record_id = :b
UNION ALL
SELECT f.wing, NULL, f.xen_id, f.report_day FROM flag f
WHERE f.rec IS NULL AND f.flag_code = :code AND f.xen_id = :a AND f.report_day = :b
LIMIT 1

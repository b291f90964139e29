-- The wing of the flag a flag key names: 'code|source|record_id' for a
-- record-level flag (:a = source, :b = record_id), 'code|xen_id|report_day'
-- for an officer-level one (:a = xen_id, :b = report_day); no row when the
-- key is of no flag.
SELECT f.wing FROM flag f JOIN record r ON r.rec = f.rec
WHERE f.flag_code = :code AND r.source = :a AND r.record_id = :b
UNION ALL
SELECT f.wing FROM flag f
WHERE f.rec IS NULL AND f.flag_code = :code AND f.xen_id = :a AND f.report_day = :b
LIMIT 1

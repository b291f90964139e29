-- CALLBACK_NOT_FIXED (VERIFY.md, record level, HIGH): one flag per record
-- with a call answered NOT FIXED, on its latest such call; evidence: the
-- call's day (its list's) and note; with the record fields a flag carries
-- (migrate_006.sql).
INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence,
                 record_id, source, registered, disposed)
SELECT 'CALLBACK_NOT_FIXED', 'HIGH', r.rec, NULL, r.wing, r.xen_id,
       'call-back of ' || max(o.list_day) || ' answered NOT FIXED'
           || CASE WHEN coalesce(o.note, '') <> '' THEN ': ' || o.note ELSE '' END,
       r.record_id, r.source, r.registered, r.disposed
FROM callback_outcome o JOIN record r ON r.rec = o.rec
WHERE o.outcome = 'NOT FIXED' AND r.time_anomaly = 0
GROUP BY r.rec
ORDER BY r.rec

-- A day's stored call-back list, as internal/callbacks.csv lists it: the
-- call-back key (day|record_id), the stored row, the record's current
-- fields and the stored outcome (NULL when none or withdrawn), sorted by
-- wing, xen_id, then the draw order (priority 0 rows come last: their
-- draw_order follows the drawn rows').
SELECT c.report_day || '|' || r.record_id AS callback_key, c.wing, c.xen_id, r.record_id,
       r.source, c.priority, r.mobile, r.account, r.category, r.registered, r.disposed,
       r.closed_by, CASE r.otp_verified WHEN 1 THEN 'Y' WHEN 0 THEN 'N' END AS otp_verified,
       o.outcome, o.note
FROM callback c
JOIN record r ON r.rec = c.rec
LEFT JOIN callback_outcome o ON o.callback_key = c.report_day || '|' || r.record_id
WHERE c.report_day = :day
ORDER BY c.wing COLLATE BINARY, c.xen_id COLLATE BINARY, c.draw_order

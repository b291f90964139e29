-- Call-backs sheet: the wing's stored call-back list of the report day
-- (VERIFY.md), in the draw order of each XEN, with the stored outcome and
-- note filled in (mobiles are masked by the column's type); when the list
-- was drawn without a salt, a last row, its key beginning with '#', says it
-- is predictable (:predictable, in the organisation's languages; reading back
-- skips it).
SELECT c.report_day || '|' || r.record_id AS callback_key, c.xen_id AS xen_id, r.record_id, r.source,
       c.priority, r.mobile, r.category, r.registered, r.disposed, r.closed_by,
       CASE r.otp_verified WHEN 1 THEN 'Y' WHEN 0 THEN 'N' END AS otp_verified,
       o.outcome, o.note, 0 AS last_row, c.draw_order AS draw_order
FROM callback c
JOIN record r ON r.rec = c.rec
LEFT JOIN callback_outcome o ON o.callback_key = c.report_day || '|' || r.record_id
WHERE c.report_day = :report_day AND c.wing = :wing
UNION ALL
SELECT '# ' || :predictable,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, 0
FROM callback_day d WHERE d.report_day = :report_day AND d.salted = 0
ORDER BY last_row, xen_id COLLATE BINARY, draw_order

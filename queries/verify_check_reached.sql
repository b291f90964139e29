-- The self-check of the call-back rules over the lists of [:first, :last]:
-- calls reached and NOT FIXED (CALLBACK_NOT_FIXED), and the XENs with at
-- least :min_reached calls reached (rated by NOT_FIXED_RATE).
SELECT coalesce(sum(o.outcome IN ('FIXED', 'NOT FIXED')), 0),
       coalesce(sum(o.outcome = 'NOT FIXED'), 0),
       (SELECT count(*) FROM (
            SELECT c2.xen_id FROM callback c2 JOIN record r2 ON r2.rec = c2.rec
            JOIN callback_outcome o2 ON o2.callback_key = c2.report_day || '|' || r2.record_id
            WHERE c2.report_day BETWEEN :first AND :last
              AND o2.outcome IN ('FIXED', 'NOT FIXED')
            GROUP BY c2.xen_id HAVING count(*) >= :min_reached))
FROM callback c
JOIN record r ON r.rec = c.rec
JOIN callback_outcome o ON o.callback_key = c.report_day || '|' || r.record_id
WHERE c.report_day BETWEEN :first AND :last

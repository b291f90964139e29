-- Call-back figures sheet: per XEN of the wing, over the call-back lists of
-- the 30 days ending the report day (by the day of each list): calls
-- listed, outcomes returned, reached (FIXED or NOT FIXED), NOT FIXED, and
-- NOT FIXED / reached in percent (empty when none reached). Sorted by XEN.
SELECT c.xen_id, count(*) AS listed, count(o.outcome) AS returned,
       sum(o.outcome IN ('FIXED', 'NOT FIXED')) AS reached,
       sum(o.outcome = 'NOT FIXED') AS not_fixed,
       CASE WHEN sum(o.outcome IN ('FIXED', 'NOT FIXED')) > 0
            THEN round(100.0 * sum(o.outcome = 'NOT FIXED')
                       / sum(o.outcome IN ('FIXED', 'NOT FIXED')), 1) END AS not_fixed_pct
FROM callback c
JOIN record r ON r.rec = c.rec
LEFT JOIN callback_outcome o ON o.callback_key = c.report_day || '|' || r.record_id
WHERE c.wing = :wing
  AND c.report_day BETWEEN date(substr(:report_day, -10), '-29 days') AND substr(:report_day, -10)
GROUP BY c.xen_id
ORDER BY c.xen_id COLLATE BINARY

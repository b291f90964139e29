-- Per XEN, over the call-back lists of the 30 days ending :last
-- ('YYYY-MM-DD'), by the day of each list: calls reached (outcome FIXED or
-- NOT FIXED) and NOT FIXED among them; the XEN's wing from the org chart,
-- else the list's. Sorted by xen_id.
SELECT c.xen_id, coalesce((SELECT x.wing FROM org_xen x WHERE x.xen_id = c.xen_id), min(c.wing)),
       sum(o.outcome IN ('FIXED', 'NOT FIXED')), sum(o.outcome = 'NOT FIXED')
FROM callback c
JOIN record r ON r.rec = c.rec
JOIN callback_outcome o ON o.callback_key = c.report_day || '|' || r.record_id
WHERE c.report_day BETWEEN date(:last, '-29 days') AND :last
GROUP BY c.xen_id
ORDER BY c.xen_id COLLATE BINARY

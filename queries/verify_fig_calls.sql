-- Call-back figures per wing over the lists of the 30 days [:first, :last]
-- ('YYYY-MM-DD'), by the day of each list (VERIFY.md): calls listed,
-- outcomes returned (stored, not withdrawn), reached (FIXED or NOT FIXED),
-- NOT FIXED. Sorted by wing.
SELECT c.wing, count(*), count(o.outcome), sum(o.outcome IN ('FIXED', 'NOT FIXED')),
       sum(o.outcome = 'NOT FIXED')
FROM callback c
JOIN record r ON r.rec = c.rec
LEFT JOIN callback_outcome o ON o.callback_key = c.report_day || '|' || r.record_id
WHERE c.report_day BETWEEN :first AND :last
GROUP BY c.wing
ORDER BY c.wing COLLATE BINARY

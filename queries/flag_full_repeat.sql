-- REPEAT_AFTER_CLOSE, full pass: the sweep's hits with their
-- record, in the columns of flag_rule_repeat: rec, wing, xen_id, category,
-- disposed, later record_id, later registered, number of later complaints.
SELECT h.rec, r.wing, r.xen_id, r.category, h.a, h.s, h.b, h.c
FROM temp.flag_hit h CROSS JOIN record r ON r.rec = h.rec
WHERE h.code = :code
ORDER BY h.rec

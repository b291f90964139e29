-- QUEUE_JUMP, full pass: the sweep's hits with their record, in the
-- columns of flag_rule_queue_jump: rec, wing, xen_id, category, subdivision,
-- disposed, queued count, oldest queued registration, up to 5 record ids.
SELECT h.rec, r.wing, r.xen_id, r.category, r.subdivision, h.a, h.b, h.c, h.ids
FROM temp.flag_hit h CROSS JOIN record r ON r.rec = h.rec
WHERE h.code = :code
ORDER BY h.rec

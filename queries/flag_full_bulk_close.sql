-- BULK_CLOSE, full pass: the sweep's hits with their record, in the
-- columns of flag_rule_bulk_close: rec, wing, xen_id, closed_by, first,
-- last, n, n_subdivisions.
SELECT h.rec, r.wing, r.xen_id, h.s, h.a, h.b, h.c, h.d
FROM temp.flag_hit h CROSS JOIN record r ON r.rec = h.rec
WHERE h.code = :code
ORDER BY h.rec

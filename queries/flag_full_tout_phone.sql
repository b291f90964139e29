-- TOUT_PHONE, full pass: the sweep's hits with their record, in the
-- columns of flag_rule_tout_phone: rec, wing, xen_id, mobile, accounts,
-- records, first registered, last registered, up to 5 record ids.
SELECT h.rec, r.wing, r.xen_id, h.s, h.a, h.b, h.c, h.d, h.ids
FROM temp.flag_hit h CROSS JOIN record r ON r.rec = h.rec
WHERE h.code = :code
ORDER BY h.rec

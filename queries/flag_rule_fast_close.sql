-- FAST_CLOSE: affected records resolved sooner after registration than their
-- category's minimum plausible time (no TIME_ANOMALY).
-- Columns: rec, wing, xen_id, registered, disposed, category, min_s.
SELECT r.rec, r.wing, r.xen_id, r.registered, r.disposed, r.category, c.min_s
FROM temp.flag_aff r
JOIN temp.flag_cat_min c ON c.category = r.category
WHERE r.need & 1 AND r.status = 'RESOLVED' AND r.disposed >= r.registered
  AND r.disposed - r.registered < c.min_s

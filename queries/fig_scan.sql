-- The figures engine's one read (figures.c): every record with an event in
-- [?1, ?2) that any window of the night counts, or pending at an instant in
-- that range, for all wings at once; each record once, in the columns of
-- figstore_all.sql (a sign of 1, then the figure fields; of the mobile and
-- the closing login only whether there is one).
-- ?2 is at or after every window's end. Branches, each a range on one index
-- and disjoint from the others:
--   registered in the range (most records: all their events);
--   registered before it, disposed in it;
--   registered before it, judged in it, not disposed in it;
--   registered before it, open or disposed after it, not judged in it
--     (pending at the windows' ends; time anomalies are never pending once
--     disposed).
-- figstore.c applies the figure definitions of METRICS.md to each record's
-- events, per bin of the range, in C, so every window costs one read of each
-- record of the range instead of one read per event or per window (this is
-- the full path, --full; a night reads the day store instead).
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record WHERE registered >= ?1 AND registered < ?2
UNION ALL
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record WHERE disposed >= ?1 AND disposed < ?2 AND +registered < ?1
UNION ALL
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record WHERE judged_at >= ?1 AND judged_at < ?2 AND +registered < ?1
  AND NOT coalesce(disposed >= ?1 AND disposed < ?2, 0)
UNION ALL
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record WHERE disposed IS NULL AND registered < ?1
  AND NOT coalesce(judged_at >= ?1 AND judged_at < ?2, 0)
UNION ALL
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record WHERE disposed >= ?2 AND +registered < ?1 AND time_anomaly = 0
  AND NOT coalesce(judged_at >= ?1 AND judged_at < ?2, 0)

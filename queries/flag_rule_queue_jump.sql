-- QUEUE_JUMP: affected applications resolved at t while at least :min_queued
-- applications of the same category and subdivision, registered at least
-- :head seconds before them, were undisposed at t (disposed later, or not at
-- all). TIME_ANOMALY records neither count nor are flagged.
-- Columns: rec, wing, xen_id, category, subdivision, disposed, queued count,
-- oldest queued registration, up to 5 queued record ids (oldest first).
WITH mine AS (
    SELECT r.rec, r.category, r.subdivision_key, r.registered, r.disposed
    FROM temp.flag_aff a JOIN record r ON r.rec = a.rec
    WHERE r.is_application = 1 AND r.status = 'RESOLVED' AND r.disposed >= r.registered
      AND r.subdivision_key IS NOT NULL
), q AS (
    SELECT m.rec, m.category, m.subdivision_key, m.registered, m.disposed,
           count(*) AS n, min(x.registered) AS oldest
    FROM mine m
    JOIN record x ON x.is_application = 1 AND x.category = m.category
                 AND x.subdivision_key = m.subdivision_key
                 AND x.registered <= m.registered - :head
    WHERE (x.disposed IS NULL OR x.disposed > m.disposed)
      AND (x.disposed IS NULL OR x.disposed >= x.registered)
    GROUP BY m.rec
    HAVING count(*) >= :min_queued
)
SELECT q.rec, r.wing, r.xen_id, r.category, r.subdivision, q.disposed, q.n, q.oldest,
       (SELECT group_concat(record_id, ' ') FROM (
            SELECT x.record_id FROM record x
            WHERE x.is_application = 1 AND x.category = q.category
              AND x.subdivision_key = q.subdivision_key
              AND x.registered <= q.registered - :head
              AND (x.disposed IS NULL OR x.disposed > q.disposed)
              AND (x.disposed IS NULL OR x.disposed >= x.registered)
            ORDER BY x.registered, x.record_id LIMIT 5))
FROM q JOIN record r ON r.rec = q.rec

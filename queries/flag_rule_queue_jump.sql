-- QUEUE_JUMP: affected applications resolved at t while at least :min_queued
-- applications of the same category and subdivision, registered at least
-- :head seconds before them, were undisposed at t (disposed later, or not at
-- all). TIME_ANOMALY records neither count nor are flagged (a queued one
-- disposed after t was registered before t: it cannot be one). The two
-- counts (disposed after t; open) each read a range of flag_queue_disp.
-- Columns: rec, wing, xen_id, category, subdivision, disposed, queued count,
-- oldest queued registration, up to 5 queued record ids (oldest first).
WITH mine AS (
    SELECT r.rec, r.category, r.subdivision_key, r.registered - :head AS lim, r.disposed
    FROM temp.flag_aff r
    WHERE r.need & 9 AND r.is_application = 1 AND r.status = 'RESOLVED' AND r.disposed >= r.registered
      AND r.subdivision_key IS NOT NULL
), q AS (
    SELECT m.*,
           (SELECT count(*) FROM record x
            WHERE x.is_application = 1 AND x.category = m.category
              AND x.subdivision_key = m.subdivision_key AND x.disposed > m.disposed
              AND x.registered <= m.lim)
         + (SELECT count(*) FROM record x
            WHERE x.is_application = 1 AND x.category = m.category
              AND x.subdivision_key = m.subdivision_key AND x.disposed IS NULL
              AND x.registered <= m.lim) AS n
    FROM mine m
)
SELECT q.rec, r.wing, r.xen_id, r.category, r.subdivision, q.disposed, q.n,
       (SELECT min(registered) FROM (
            SELECT min(x.registered) AS registered FROM record x INDEXED BY flag_queue_disp
            WHERE x.is_application = 1 AND x.category = q.category
              AND x.subdivision_key = q.subdivision_key AND x.disposed > q.disposed
              AND x.registered <= q.lim
            UNION ALL
            SELECT min(x.registered) FROM record x
            WHERE x.is_application = 1 AND x.category = q.category
              AND x.subdivision_key = q.subdivision_key AND x.disposed IS NULL
              AND x.registered <= q.lim)),
       (SELECT group_concat(record_id, ' ') FROM (
            SELECT record_id FROM (
                SELECT * FROM (
                    SELECT x.registered, x.record_id FROM record x INDEXED BY flag_queue_disp
                    WHERE x.is_application = 1 AND x.category = q.category
                      AND x.subdivision_key = q.subdivision_key AND x.disposed > q.disposed
                      AND x.registered <= q.lim
                    ORDER BY x.registered, x.record_id LIMIT 5)
                UNION ALL
                SELECT * FROM (
                    SELECT x.registered, x.record_id FROM record x
                    WHERE x.is_application = 1 AND x.category = q.category
                      AND x.subdivision_key = q.subdivision_key AND x.disposed IS NULL
                      AND x.registered <= q.lim
                    ORDER BY x.registered, x.record_id LIMIT 5))
            ORDER BY registered, record_id LIMIT 5))
FROM q CROSS JOIN record r ON r.rec = q.rec
WHERE q.n >= :min_queued

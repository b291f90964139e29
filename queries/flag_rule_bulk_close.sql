-- BULK_CLOSE: affected resolutions lying in a window [t, t + span] of their
-- closing login's resolutions (t = one of those resolution times) that holds
-- at least :min_records resolutions in at least :min_subdivisions
-- subdivisions. TIME_ANOMALY records neither count nor are flagged; records
-- without a closing login (Nivesh Mitra) never count. For evidence, each
-- record's largest such window (then most subdivisions, then earliest).
-- Columns: rec, wing, xen_id, closed_by, first, last, n, n_subdivisions.
WITH mine AS (
    SELECT r.rec, r.closed_by, r.disposed
    FROM temp.flag_aff r
    WHERE r.need & 3 AND r.status = 'RESOLVED' AND r.closed_by IS NOT NULL AND r.closed_by <> ''
      AND r.disposed >= r.registered
      -- every window holding the record lies within the span either side of
      -- it: the login's subdivisions there (record_closer alone, an upper
      -- bound of a window's) must already reach :min_subdivisions
      AND (SELECT count(DISTINCT z.subdivision_key) FROM record z
           WHERE z.closed_by = r.closed_by
             AND z.disposed BETWEEN r.disposed - :span AND r.disposed + :span)
          >= :min_subdivisions
), cand AS (
    SELECT DISTINCT m.closed_by, x.disposed AS t
    FROM mine m
    JOIN record x ON x.closed_by = m.closed_by
                 AND x.disposed BETWEEN m.disposed - :span AND m.disposed
), starts AS (
    -- a window can qualify only if the login's index alone already holds
    -- :min_records closings in it (an upper bound of the exact count)
    SELECT c.closed_by, c.t
    FROM cand c
    WHERE (SELECT count(*) FROM record z
           WHERE z.closed_by = c.closed_by AND z.disposed BETWEEN c.t AND c.t + :span)
          >= :min_records
      AND EXISTS (SELECT 1 FROM record x
                  WHERE x.closed_by = c.closed_by AND x.disposed = c.t
                    AND x.status = 'RESOLVED' AND x.disposed >= x.registered)
), win AS (
    SELECT s.closed_by, s.t, count(*) AS n, count(DISTINCT y.subdivision_key) AS nsub,
           max(y.disposed) AS t_last
    FROM starts s
    JOIN record y ON y.closed_by = s.closed_by AND y.disposed BETWEEN s.t AND s.t + :span
    WHERE y.status = 'RESOLVED' AND y.disposed >= y.registered
    GROUP BY s.closed_by, s.t
    HAVING count(*) >= :min_records AND count(DISTINCT y.subdivision_key) >= :min_subdivisions
), hit AS (
    SELECT m.rec, w.closed_by, w.t, w.t_last, w.n, w.nsub,
           row_number() OVER (PARTITION BY m.rec ORDER BY w.n DESC, w.nsub DESC, w.t) AS k
    FROM mine m
    JOIN win w ON w.closed_by = m.closed_by AND m.disposed BETWEEN w.t AND w.t + :span
)
SELECT h.rec, r.wing, r.xen_id, h.closed_by, h.t, h.t_last, h.n, h.nsub
FROM hit h JOIN temp.flag_aff r ON r.rec = h.rec
WHERE h.k = 1

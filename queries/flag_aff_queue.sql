-- Affected set, QUEUE_JUMP neighbours: resolved applications of a stale
-- application's queue for which it counts as queued under one of its versions
-- (current, previous) but not the other. A version counts as queued for x of
-- its queue registered at least the head start after it when x was disposed
-- before it: before its disposal, at any time while it is undisposed, never
-- when disposed < registered (TIME_ANOMALY).
-- First the usual change, a version that differs from the other in its
-- disposal alone (same queue, same registration): the two sets differ by the
-- x disposed between the two versions' limits, a range of flag_queue_disp
-- (limits: the disposal; 9e18 while undisposed; -9e18 for a time anomaly).
-- Enumerating both sets instead costs a pass over the queue's later records
-- per stale application: quadratic in a queue's size (100x KESCO: 7.9 s of a
-- night's 13.8 s flag pass).
INSERT OR IGNORE INTO temp.flag_todo(rec)
SELECT x.rec
FROM (SELECT n_category AS category, n_subdivision_key AS subdivision_key,
             n_registered + :head AS reg_min,
             min(lo, hi) AS d_min, max(lo, hi) AS d_max
      FROM (SELECT *, CASE WHEN o_disposed IS NULL THEN 9000000000000000000
                           WHEN o_disposed < o_registered THEN -9000000000000000000
                           ELSE o_disposed END AS lo,
                      CASE WHEN n_disposed IS NULL THEN 9000000000000000000
                           WHEN n_disposed < n_registered THEN -9000000000000000000
                           ELSE n_disposed END AS hi
            FROM temp.flag_pair)
      WHERE has_old AND n_is_application = 1 AND o_is_application = 1
        AND o_category = n_category AND o_subdivision_key = n_subdivision_key
        AND o_registered = n_registered AND lo <> hi) p
JOIN record x INDEXED BY flag_queue_disp
  ON x.is_application = 1 AND x.category = p.category AND x.subdivision_key = p.subdivision_key
 AND x.disposed >= p.d_min AND x.disposed < p.d_max
WHERE x.registered >= p.reg_min
UNION ALL
-- Otherwise (a new record, or one whose queue or registration changed):
-- those it counts for under its current version and not its previous one,
-- then the other way round. (The tests of the other version compare with
-- IS: a version without subdivision_key is in no queue, and a NULL there
-- must not turn NOT (...) into NULL and drop the row.)
SELECT x.rec
FROM temp.flag_pair p
JOIN record x ON x.is_application = 1 AND x.category = p.n_category
             AND x.subdivision_key = p.n_subdivision_key
             AND x.registered >= p.n_registered + :head
WHERE p.n_is_application = 1 AND x.disposed IS NOT NULL
  AND NOT (p.has_old AND p.o_is_application = 1 AND p.o_category IS p.n_category
           AND p.o_subdivision_key IS p.n_subdivision_key AND p.o_registered IS p.n_registered)
  AND (p.n_disposed IS NULL OR (p.n_disposed >= p.n_registered AND x.disposed < p.n_disposed))
  AND NOT (p.has_old AND p.o_is_application = 1 AND x.category IS p.o_category
           AND x.subdivision_key IS p.o_subdivision_key AND x.registered >= p.o_registered + :head
           AND (p.o_disposed IS NULL
                OR (p.o_disposed >= p.o_registered AND x.disposed < p.o_disposed)))
UNION ALL
SELECT x.rec
FROM temp.flag_pair p
JOIN record x ON x.is_application = 1 AND x.category = p.o_category
             AND x.subdivision_key = p.o_subdivision_key
             AND x.registered >= p.o_registered + :head
WHERE p.has_old AND p.o_is_application = 1 AND x.disposed IS NOT NULL
  AND NOT (p.n_is_application IS 1 AND p.o_category IS p.n_category
           AND p.o_subdivision_key IS p.n_subdivision_key AND p.o_registered IS p.n_registered)
  AND (p.o_disposed IS NULL OR (p.o_disposed >= p.o_registered AND x.disposed < p.o_disposed))
  AND NOT (p.n_is_application IS 1 AND x.category IS p.n_category
           AND x.subdivision_key IS p.n_subdivision_key AND x.registered >= p.n_registered + :head
           AND (p.n_disposed IS NULL
                OR (p.n_disposed >= p.n_registered AND x.disposed < p.n_disposed)))

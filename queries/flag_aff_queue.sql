-- Affected set, QUEUE_JUMP neighbours: resolved applications of a stale
-- application's queue for which it counts as queued under one of its versions
-- (current, previous) but not the other: registered at least the head start
-- after it and disposed while it was undisposed; a version with
-- disposed < registered (TIME_ANOMALY) counts for no one.
INSERT OR IGNORE INTO temp.flag_todo(rec)
SELECT x.rec
FROM temp.flag_pair p
JOIN record x ON x.is_application = 1 AND x.category = p.n_category
             AND x.subdivision_key = p.n_subdivision_key
             AND x.registered >= p.n_registered + :head
WHERE p.n_is_application = 1 AND x.disposed IS NOT NULL
  AND (p.n_disposed IS NULL OR (p.n_disposed >= p.n_registered AND x.disposed < p.n_disposed))
  AND NOT (p.has_old AND p.o_is_application = 1 AND x.category = p.o_category
           AND x.subdivision_key = p.o_subdivision_key AND x.registered >= p.o_registered + :head
           AND (p.o_disposed IS NULL
                OR (p.o_disposed >= p.o_registered AND x.disposed < p.o_disposed)))
UNION ALL
SELECT x.rec
FROM temp.flag_pair p
JOIN record x ON x.is_application = 1 AND x.category = p.o_category
             AND x.subdivision_key = p.o_subdivision_key
             AND x.registered >= p.o_registered + :head
WHERE p.has_old AND p.o_is_application = 1 AND x.disposed IS NOT NULL
  AND (p.o_disposed IS NULL OR (p.o_disposed >= p.o_registered AND x.disposed < p.o_disposed))
  AND NOT (p.n_is_application = 1 AND x.category = p.n_category
           AND x.subdivision_key = p.n_subdivision_key AND x.registered >= p.n_registered + :head
           AND (p.n_disposed IS NULL
                OR (p.n_disposed >= p.n_registered AND x.disposed < p.n_disposed)))

-- Affected set, QUEUE_JUMP neighbours: resolved applications of a stale
-- application's queue for which it counts as queued under one of its versions
-- (current, previous) but not the other. A version counts as queued for x of
-- its queue registered at least the head start after it when x was disposed
-- before the version's limit: its disposal; 9e18 while undisposed; -9e18
-- (never) when disposed < registered (TIME_ANOMALY).
-- v: each stale record's two versions, with their limits, and same = the
-- versions differ in their disposal alone (same queue, same registration);
-- NOT MATERIALIZED: read in each branch, not copied to a temporary table
-- first (at 100x that copy cost 57 ms of 150).
WITH v AS NOT MATERIALIZED (
    SELECT has_old, n_is_application, n_category, n_subdivision_key,
           n_registered + :head AS n_min,
           CASE WHEN n_disposed IS NULL THEN 9000000000000000000
                WHEN n_disposed < n_registered THEN -9000000000000000000
                ELSE n_disposed END AS n_lim,
           o_is_application, o_category, o_subdivision_key, o_registered + :head AS o_min,
           CASE WHEN o_disposed IS NULL THEN 9000000000000000000
                WHEN o_disposed < o_registered THEN -9000000000000000000
                ELSE o_disposed END AS o_lim,
           (has_old AND n_is_application IS 1 AND o_is_application IS 1
            AND o_category IS n_category AND o_subdivision_key IS n_subdivision_key
            AND o_registered IS n_registered) AS same
    FROM temp.flag_pair
)
INSERT INTO temp.flag_todo(rec, need)
-- The usual change, in the disposal alone: the two sets differ by the x
-- disposed between the two limits, a range of flag_queue_disp. (Enumerating
-- both sets instead costs a pass over the queue's later records per stale
-- application: quadratic in a queue's size; 100x KESCO: 7.9 s of a night's
-- 13.8 s flag pass.)
SELECT x.rec, 8
FROM v
JOIN record x INDEXED BY flag_queue_disp
  ON x.is_application = 1 AND x.category = v.n_category
 AND x.subdivision_key = v.n_subdivision_key
 AND x.disposed >= min(v.o_lim, v.n_lim) AND x.disposed < max(v.o_lim, v.n_lim)
WHERE v.same AND x.registered >= v.n_min
UNION ALL
-- Otherwise (a new record, or one whose queue or registration changed):
-- those it counts for under one version (a) and not the other (b), for each
-- of its versions in turn (d: the current then the previous, has_b = the
-- other exists). (The other version's tests compare with IS: a version
-- without subdivision_key is in no queue, and a NULL there must not turn
-- NOT (...) into NULL and drop the row.)
-- (record_queue: led by the registration, the bound that keeps a new
-- record's look-up to the few registered after it.)
SELECT x.rec, 8
FROM (SELECT n_category AS a_category, n_subdivision_key AS a_sub, n_min AS a_min,
             n_lim AS a_lim, has_old AS has_b, o_is_application AS b_app,
             o_category AS b_category, o_subdivision_key AS b_sub, o_min AS b_min,
             o_lim AS b_lim
      FROM v WHERE n_is_application = 1 AND NOT same
      UNION ALL
      SELECT o_category, o_subdivision_key, o_min, o_lim, 1, n_is_application, n_category,
             n_subdivision_key, n_min, n_lim
      FROM v WHERE has_old AND o_is_application = 1 AND NOT same) d
JOIN record x INDEXED BY record_queue
  ON x.is_application = 1 AND x.category = d.a_category
 AND x.subdivision_key = d.a_sub AND x.registered >= d.a_min
WHERE x.disposed < d.a_lim
  AND NOT (d.has_b AND d.b_app IS 1 AND x.category IS d.b_category
           AND x.subdivision_key IS d.b_sub AND x.registered >= d.b_min
           AND x.disposed < d.b_lim)
ON CONFLICT (rec) DO UPDATE SET need = need | excluded.need

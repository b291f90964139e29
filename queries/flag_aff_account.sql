-- Affected set, REPEAT_AFTER_CLOSE neighbours: earlier records of the same
-- account and category disposed within the repeat window before a stale
-- record's registration (current and previous keys). The rule reads of a
-- later complaint only its account, category, registration, whether it is
-- an application, its time anomaly (disposed before registered) and id: a
-- stale record whose previous version (flag_seen) had the same of each
-- changes no earlier record's result, and those are not looked up (it is in
-- the set itself, through temp.flag_pair).
INSERT INTO temp.flag_todo(rec, need)
SELECT x.rec, 16
FROM (SELECT n_account AS account, n_category AS category, n_registered AS registered
      FROM temp.flag_pair
      WHERE NOT (has_old AND n_account IS o_account AND n_category IS o_category
                 AND n_registered IS o_registered AND n_is_application IS o_is_application
                 AND coalesce(n_disposed < n_registered, 0) = coalesce(o_disposed < o_registered, 0))
      UNION
      SELECT o_account, o_category, o_registered FROM temp.flag_pair
      WHERE has_old AND NOT (n_account IS o_account AND n_category IS o_category
                             AND n_registered IS o_registered
                             AND n_is_application IS o_is_application
                             AND coalesce(n_disposed < n_registered, 0)
                                 = coalesce(o_disposed < o_registered, 0))) v
JOIN record x ON x.account = v.account AND x.category = v.category
WHERE v.account IS NOT NULL
  AND x.disposed BETWEEN v.registered - :window AND v.registered
ON CONFLICT (rec) DO UPDATE SET need = need | excluded.need

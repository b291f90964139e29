-- Affected set, TOUT_PHONE neighbours: records of the same mobile registered
-- within the tout window either side of a stale record (current and previous
-- keys). The rule reads of a neighbour only its mobile, registration,
-- account, time anomaly (disposed before registered) and id: a stale record
-- whose previous version (flag_seen) had the same of each changes no
-- neighbour's result, and its neighbours are not looked up (it is in the
-- set itself, through temp.flag_pair).
INSERT INTO temp.flag_todo(rec, need)
SELECT x.rec, 4
FROM (SELECT n_mobile AS mobile, n_registered AS registered FROM temp.flag_pair p
      WHERE NOT (has_old AND n_mobile IS o_mobile AND n_registered IS o_registered
                 AND n_account IS o_account
                 AND coalesce(n_disposed < n_registered, 0) = coalesce(o_disposed < o_registered, 0))
      UNION
      SELECT o_mobile, o_registered FROM temp.flag_pair
      WHERE has_old AND NOT (n_mobile IS o_mobile AND n_registered IS o_registered
                             AND n_account IS o_account
                             AND coalesce(n_disposed < n_registered, 0)
                                 = coalesce(o_disposed < o_registered, 0))) v
JOIN record x ON x.mobile = v.mobile
             AND x.registered BETWEEN v.registered - :window AND v.registered + :window
WHERE v.mobile IS NOT NULL
ON CONFLICT (rec) DO UPDATE SET need = need | excluded.need

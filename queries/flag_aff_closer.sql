-- Affected set, BULK_CLOSE neighbours: records of the same closing login
-- disposed within the bulk span either side of a stale record's disposal
-- (under its current and its previous keys).
INSERT INTO temp.flag_todo(rec, need)
SELECT x.rec, 2
FROM (SELECT n_closed_by AS closed_by, n_disposed AS disposed FROM temp.flag_pair
      UNION
      SELECT o_closed_by, o_disposed FROM temp.flag_pair WHERE has_old) v
JOIN record x ON x.closed_by = v.closed_by
             AND x.disposed BETWEEN v.disposed - :span AND v.disposed + :span
WHERE v.closed_by IS NOT NULL AND v.disposed IS NOT NULL
ON CONFLICT (rec) DO UPDATE SET need = need | excluded.need

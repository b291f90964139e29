-- Affected set, TOUT_PHONE neighbours: records of the same mobile registered
-- within the tout window either side of a stale record (current and previous
-- keys).
INSERT OR IGNORE INTO temp.flag_todo(rec)
SELECT x.rec
FROM (SELECT n_mobile AS mobile, n_registered AS registered FROM temp.flag_pair
      UNION
      SELECT o_mobile, o_registered FROM temp.flag_pair WHERE has_old) v
JOIN record x ON x.mobile = v.mobile
             AND x.registered BETWEEN v.registered - :window AND v.registered + :window
WHERE v.mobile IS NOT NULL

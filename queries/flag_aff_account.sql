-- Affected set, REPEAT_AFTER_CLOSE neighbours: earlier records of the same
-- account and category disposed within the repeat window before a stale
-- record's registration (current and previous keys).
INSERT OR IGNORE INTO temp.flag_todo(rec)
SELECT x.rec
FROM (SELECT n_account AS account, n_category AS category, n_registered AS registered
      FROM temp.flag_pair
      UNION
      SELECT o_account, o_category, o_registered FROM temp.flag_pair WHERE has_old) v
JOIN record x ON x.account = v.account AND x.category = v.category
WHERE v.account IS NOT NULL
  AND x.disposed BETWEEN v.registered - :window AND v.registered

-- Removes the record-level flags of the affected set, and those left on a
-- row id a stale record no longer has (a record stored again under a new rec).
-- A purged record's flags are kept (flag_purged_keep).
DELETE FROM flag
WHERE (rec IN (SELECT rec FROM temp.flag_todo)
       OR rec IN (SELECT o_rec FROM temp.flag_pair WHERE has_old AND o_rec <> rec))
  AND rec NOT IN (SELECT rec FROM record WHERE purged = 1)

-- Removes the record-level flags of the affected set, and those left on a
-- row id a stale record no longer has (a record stored again under a new rec).
-- A purged record's flags are kept (flag_purged_keep): its row is looked up
-- by id (a list of every purged record would read the whole record table).
DELETE FROM flag
WHERE (rec IN (SELECT rec FROM temp.flag_todo)
       OR rec IN (SELECT o_rec FROM temp.flag_pair WHERE has_old AND o_rec <> rec))
  AND NOT EXISTS (SELECT 1 FROM record p WHERE p.rec = flag.rec AND p.purged = 1)

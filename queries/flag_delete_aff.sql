-- Removes the record-level flags of the affected set that this pass
-- recomputes (every flag of a stale record, need bit 1; of a neighbour, those
-- of the rules it is a neighbour under: flag_setup.sql's flag_todo.need), and
-- those left on a row id a stale record no longer has (a record stored again
-- under a new rec).
-- A purged record's flags are kept (flag_purged_keep): its row is looked up
-- by id (a list of every purged record would read the whole record table).
DELETE FROM flag
WHERE (rec IN (SELECT rec FROM temp.flag_todo)
       AND (SELECT t.need FROM temp.flag_todo t WHERE t.rec = flag.rec)
           & (1 | CASE flag_code WHEN 'BULK_CLOSE' THEN 2 WHEN 'TOUT_PHONE' THEN 4
                                 WHEN 'QUEUE_JUMP' THEN 8 WHEN 'REPEAT_AFTER_CLOSE' THEN 16
                                 ELSE 0 END) <> 0
       OR rec IN (SELECT o_rec FROM temp.flag_pair WHERE has_old AND o_rec <> rec))
  AND NOT EXISTS (SELECT 1 FROM record p WHERE p.rec = flag.rec AND p.purged = 1)

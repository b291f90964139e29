-- flag_purged_keep: a flag pass leaves a purged record's flags as they were:
-- their old flags are never deleted (flag_delete_records, flag_delete_aff), and
-- the flags the pass just computed for them (flag_id > :max, the largest once
-- the pass deleted the flags it recomputes) are removed, since their erased mobile and account would change them.
-- Only this pass's flags are read (a range of flag_id), each record by its id.
DELETE FROM flag
WHERE flag_id > :max AND rec IS NOT NULL
  AND EXISTS (SELECT 1 FROM record p WHERE p.rec = flag.rec AND p.purged = 1);

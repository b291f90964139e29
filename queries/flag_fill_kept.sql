-- The record fields of the flags an incremental pass kept because their
-- record is purged (flag_purged_keep.sql), refreshed for the purged records
-- of the affected set (temp.flag_todo), so that they are what the record
-- holds now, as for every other flag.
UPDATE flag SET record_id = r.record_id, source = r.source, registered = r.registered,
                disposed = r.disposed
FROM record r
WHERE r.rec = flag.rec AND r.purged = 1 AND flag.rec IN (SELECT rec FROM temp.flag_todo)

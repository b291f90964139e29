-- flag_fill_kept.sql for a full pass: the kept flags of every purged record.
UPDATE flag SET record_id = r.record_id, source = r.source, registered = r.registered,
                disposed = r.disposed
FROM record r
WHERE r.rec = flag.rec AND r.purged = 1

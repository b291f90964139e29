-- The record fields a flag carries (migrate_006.sql) for the flags this pass
-- wrote (flag_id > :max, the largest once it deleted the flags it recomputes), read from their records.
UPDATE flag SET record_id = r.record_id, source = r.source, registered = r.registered,
                disposed = r.disposed
FROM record r WHERE flag.flag_id > :max AND r.rec = flag.rec

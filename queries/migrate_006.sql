-- Schema version 6 (issue 16). Applied by db_open() when PRAGMA
-- user_version < 6.
--
-- A record-level flag carries its record's export id, source, registered and
-- disposed, so that the full register (internal/risk_flags.csv,
-- flag_register.sql) reads the flag table alone instead of one record row per
-- flag (at 10 million records, 175k random reads of a 12 GB table). Each flag
-- pass fills them for the flags it wrote and for the kept flags of the purged
-- records it touched (flag_fill_record*.sql); CALLBACK_NOT_FIXED's insert
-- fills them itself. Officer-level flags keep them NULL.
ALTER TABLE flag ADD COLUMN record_id TEXT;
ALTER TABLE flag ADD COLUMN source TEXT;
ALTER TABLE flag ADD COLUMN registered INTEGER;
ALTER TABLE flag ADD COLUMN disposed INTEGER;
UPDATE flag SET record_id = r.record_id, source = r.source, registered = r.registered,
                disposed = r.disposed
FROM record r WHERE r.rec = flag.rec;

-- Schema version 2. Applied by db_open() when PRAGMA user_version < 2.
--
-- raw_category: the category exactly as exported, kept only for a record
-- whose category no template maps (category = 'UNMAPPED'; NULL otherwise),
-- so the data-quality notes can name what the layout's mapping lacks.
ALTER TABLE record ADD COLUMN raw_category TEXT;

-- flag_seen: the keys each record had when its record-level flags were last
-- computed (queries/flag_seen_*.sql), so that a record whose login, times,
-- mobile, account or queue changed also refreshes its old neighbours.
-- Version 1 databases got it from the flag pass's setup, keyed by (source,
-- record_id); it is a schema table, so it belongs here, and it is keyed by
-- the record's row id (rec never changes: records are updated in place,
-- never deleted), which makes the full pass's rebuild an append. A version-1
-- table's rows are kept (an empty one is made first where none exists).
CREATE TABLE IF NOT EXISTS flag_seen (
    source          TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    rec             INTEGER NOT NULL,
    registered      INTEGER NOT NULL,
    disposed        INTEGER,
    is_application  INTEGER NOT NULL,
    category        TEXT NOT NULL,
    subdivision_key TEXT,
    mobile          TEXT,
    account         TEXT,
    closed_by       TEXT,
    PRIMARY KEY (source, record_id)
) WITHOUT ROWID;
CREATE TABLE flag_seen_v2 (
    rec             INTEGER PRIMARY KEY,
    registered      INTEGER NOT NULL,
    disposed        INTEGER,
    is_application  INTEGER NOT NULL,
    category        TEXT NOT NULL,
    subdivision_key TEXT,
    mobile          TEXT,
    account         TEXT,
    closed_by       TEXT
);
INSERT INTO flag_seen_v2
SELECT rec, registered, disposed, is_application, category, subdivision_key, mobile, account,
       closed_by
FROM flag_seen ORDER BY rec;
DROP TABLE flag_seen;
ALTER TABLE flag_seen_v2 RENAME TO flag_seen;

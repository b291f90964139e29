-- Schema version 2. Applied by db_open() when PRAGMA user_version < 2.
--
-- raw_category: the category exactly as exported, kept only for a record
-- whose category no template maps (category = 'UNMAPPED'; NULL otherwise),
-- so the data-quality notes can name what the layout's mapping lacks.
ALTER TABLE record ADD COLUMN raw_category TEXT;

-- flag_seen: the keys each record had when its record-level flags were last
-- computed (queries/flag_seen_*.sql), so that a record whose login, times,
-- mobile, account or queue changed also refreshes its old neighbours.
-- Version 1 databases got it from the flag pass's setup; it is a schema
-- table, so it belongs here (IF NOT EXISTS: such a database keeps its rows).
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

-- Schema version 3 (VERIFY.md): the stored call-back lists, the call
-- outcomes and the flag reviews read back from filled workbooks and lists.
-- Applied by db_open() when PRAGMA user_version < 3 (a version-2 database
-- gains these tables and keeps everything it holds). Loading exports never
-- touches them: records are updated in place and never deleted, so the rec
-- of a listed call stays valid across reloads.

-- One row per day whose call-back list was drawn: a later report of the day
-- shows the stored list instead of drawing again. salted = 0 when it was
-- drawn with the empty salt (anyone can predict it; reports say so).
CREATE TABLE callback_day (
    report_day TEXT PRIMARY KEY,   -- 'YYYY-MM-DD'
    salted     INTEGER NOT NULL,
    per_xen    INTEGER NOT NULL
);

-- The lists: one row per record listed on a day. priority 1 (flagged or
-- OTP_VERIFIED = N), 2 (the rest) or 0 (a NOT REACHABLE call listed once
-- more); draw_order is the position in the XEN's list (1 = first); hash the
-- sha256 (hex) of salt|report_day|record_id that ordered it ('' for 0).
CREATE TABLE callback (
    report_day TEXT NOT NULL,
    rec        INTEGER NOT NULL REFERENCES record(rec),
    wing       TEXT NOT NULL,
    xen_id     TEXT NOT NULL,
    priority   INTEGER NOT NULL CHECK (priority IN (0, 1, 2)),
    draw_order INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (report_day, rec)
);
CREATE INDEX callback_rec ON callback(rec);

-- Call outcomes read back, keyed by callback_key = 'report_day|record_id'.
-- outcome NULL: withdrawn (an emptied cell), kept so that an older file read
-- later does not bring it back. file_day: the report day of the file it came
-- from (a reading replaces a row only when its file_day is the same or
-- later); read_at: when it was read (history only, never in a report).
-- carried_to: the list day on which a NOT REACHABLE call was listed again.
CREATE TABLE callback_outcome (
    callback_key TEXT PRIMARY KEY,
    list_day     TEXT NOT NULL,
    rec          INTEGER NOT NULL,
    wing         TEXT NOT NULL,
    outcome      TEXT CHECK (outcome IN ('FIXED','NOT FIXED','NOT REACHABLE','WRONG NUMBER')),
    note         TEXT,
    reviewer     TEXT,
    file_sha256  TEXT NOT NULL,
    file_day     TEXT NOT NULL,
    read_at      TEXT NOT NULL,
    carried_to   TEXT
);

-- Flag reviews read back, keyed by flag_key ('code|source|record_id' for a
-- record-level flag, 'code|xen_id|report_day' for an officer-level one).
-- review NULL: withdrawn; the other columns as in callback_outcome. rec is
-- the record of a record-level flag (NULL for an officer-level one, whose
-- xen_id and flag_day are set instead), so counts need not rebuild keys.
CREATE TABLE flag_review (
    flag_key    TEXT PRIMARY KEY,
    flag_code   TEXT NOT NULL,
    wing        TEXT NOT NULL,
    rec         INTEGER,
    xen_id      TEXT,
    flag_day    TEXT,
    review      TEXT CHECK (review IN ('EXPLAINED','UNDER INQUIRY','CONFIRMED')),
    note        TEXT,
    reviewer    TEXT,
    file_sha256 TEXT NOT NULL,
    file_day    TEXT NOT NULL,
    read_at     TEXT NOT NULL
);
CREATE INDEX flag_review_rec ON flag_review(rec) WHERE rec IS NOT NULL;

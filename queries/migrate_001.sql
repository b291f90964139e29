-- Schema version 1: records, their load history, the flag register, metadata.
-- Applied by db_open() when PRAGMA user_version < 1. Times are instants in
-- seconds since 1970-01-01 UTC; day boundaries come from meta 'timezone'.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per file load attempt.
CREATE TABLE load (
    load_id       INTEGER PRIMARY KEY,
    path          TEXT NOT NULL,   -- as given on the command line
    sha256        TEXT NOT NULL,
    layout        TEXT,            -- NULL when the file was refused whole
    loaded_at     TEXT NOT NULL,   -- wall clock of the load, ISO 8601 (history only)
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_loaded   INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    error         TEXT
);

-- One row per record (source, record_id): the winning version by the repeat
-- rule of EXPORTS.md.
CREATE TABLE record (
    rec            INTEGER PRIMARY KEY,
    source         TEXT NOT NULL,    -- '1912', 'JHATPAT', 'NIVESH_MITRA' or layout name
    record_id      TEXT NOT NULL,    -- id exactly as in the export
    layout         TEXT NOT NULL,
    is_application INTEGER NOT NULL DEFAULT 0, -- Jhatpat / Nivesh Mitra (QUEUE_JUMP)
    category       TEXT NOT NULL,    -- canonical category or 'UNMAPPED'
    wing           TEXT NOT NULL,    -- TECHNICAL ... or 'UNMAPPED'
    xen_id         TEXT NOT NULL,    -- org chart XEN or 'UNASSIGNED'
    subdivision    TEXT,             -- as in the export, trimmed
    subdivision_key TEXT,            -- lower case, single spaces (for matching)
    channel        TEXT,
    raw_status     TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('OPEN','RESOLVED','REJECTED')),
    registered     INTEGER NOT NULL,
    disposed       INTEGER,          -- NULL while OPEN
    last_updated   INTEGER NOT NULL,
    has_due_col    INTEGER NOT NULL DEFAULT 0, -- layout maps a due date column
    due            INTEGER,          -- the record's own deadline (has_due_col)
    mobile         TEXT,             -- last 10 digits, NULL when absent
    account        TEXT,
    consumer_name  TEXT,
    address        TEXT,
    closed_by      TEXT,             -- closing login, trimmed, upper case
    officer_typed  TEXT,             -- XEN/officer as typed (informational)
    otp_verified   INTEGER,          -- 1 = Y, 0 = N, NULL = not given
    feedback       TEXT,             -- 'SATISFIED', 'NOT SATISFIED' or NULL
    reopen_count   INTEGER NOT NULL DEFAULT 0,
    return_count   INTEGER NOT NULL DEFAULT 0,
    remarks        TEXT,
    raw            TEXT NOT NULL,    -- the winning row's text, line end removed
    load_id        INTEGER NOT NULL, -- load that supplied the winning row
    line           INTEGER NOT NULL, -- its physical line in that file
    -- The SLA judgement under meta 'profile' (filled by metrics_judge()).
    judge_stale    INTEGER NOT NULL DEFAULT 1,
    deadline       INTEGER,          -- NULL: not judged (own due date empty)
    outcome        TEXT,             -- 'MET', 'BREACHED' or NULL (not judged / not yet)
    judged_at      INTEGER,
    time_anomaly   INTEGER NOT NULL DEFAULT 0, -- disposed < registered
    flag_stale     INTEGER NOT NULL DEFAULT 1, -- set by a load; cleared by the flag pass
    UNIQUE (source, record_id)
);

-- Every sighting of a record in a loaded file: a figure traces back to the
-- file row it came from. applied = 1 when that sighting became the stored row.
CREATE TABLE record_load (
    source    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    load_id   INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    applied   INTEGER NOT NULL
);

-- The flag register (FLAGS.md). Record-level flags have rec set and
-- report_day NULL; officer-level flags have rec NULL and report_day set
-- ('YYYY-MM-DD', or 'FROM/TO' for a period).
CREATE TABLE flag (
    flag_id    INTEGER PRIMARY KEY,
    flag_code  TEXT NOT NULL,
    severity   TEXT NOT NULL CHECK (severity IN ('HIGH','MEDIUM','LOW')),
    rec        INTEGER REFERENCES record(rec),
    report_day TEXT,
    wing       TEXT NOT NULL,
    xen_id     TEXT NOT NULL,
    evidence   TEXT NOT NULL
);

-- The org chart in force (refreshed from templates/org/*.csv by each load
-- whose layout names one): one row per XEN, so that reports list every XEN
-- of the chart, zeros included.
CREATE TABLE org_xen (
    xen_id       TEXT PRIMARY KEY,
    wing         TEXT NOT NULL,
    subdivisions TEXT NOT NULL   -- ';'-separated, as in the chart
);

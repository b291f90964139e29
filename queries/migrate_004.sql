-- Schema version 4 (the personal data purge, OUTPUTS.md). Applied by
-- db_open() when PRAGMA user_version < 4.
--
-- record.purged: 1 once `purge` (or run --retain-personal-days) erased the
-- record's personal data (OUTPUTS.md, DPDP Act 2023): its name, mobile,
-- account, address, closing remarks and raw row are gone; it keeps its id,
-- figures and flags, and a later export row for it changes nothing.
ALTER TABLE record ADD COLUMN purged INTEGER NOT NULL DEFAULT 0;

-- purge_log: one row per purge that erased something or was asked for
-- (when, for which report day, the cut-off instant, N, how many records).
CREATE TABLE purge_log (
    purge_id      INTEGER PRIMARY KEY,
    purged_at     TEXT NOT NULL,    -- wall clock in UTC, ISO 8601 (history only)
    report_day    TEXT NOT NULL,    -- YYYY-MM-DD
    cutoff        INTEGER NOT NULL, -- records disposed before this instant
    personal_days INTEGER NOT NULL, -- N
    records       INTEGER NOT NULL  -- records erased by this purge
);

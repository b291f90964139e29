-- Schema version 5, the flag pass's part (issue 16). Applied by db_open()
-- when PRAGMA user_version < 5 (every queries/migrate_005*.sql, in name order).
--
-- The officer-level rates of FLAGS.md are sums over the records disposed in
-- the 30 days of a report; they are kept as running sums per local day of
-- disposal, so that a night costs what its changed records cost, not the
-- window's records (flags_update_records() keeps them, flags_officer() adds
-- up the days of its window).
--
-- flag_xen_rec: what each record adds to flag_xen_day (only records that
-- count: RESOLVED or REJECTED, disposed, no TIME_ANOMALY, an XEN other than
-- UNASSIGNED): the local day of its disposal (days since 1970-01-01 in the
-- database's zone), its XEN and wing, and a bit per counter it adds 1 to
-- (bit 0 resolved, 1 rejected, 2 DEADLINE_HUG's numerator, 3 its
-- denominator, 4 unverified, 5 resolved complaints, 6 dissatisfied, 7 with
-- feedback, 8 carries FAST_CLOSE, 9 carries REPEAT_AFTER_CLOSE).
CREATE TABLE flag_xen_rec (
    rec    INTEGER PRIMARY KEY,
    day    INTEGER NOT NULL,
    xen_id TEXT NOT NULL,
    wing   TEXT NOT NULL,
    bits   INTEGER NOT NULL
);
-- flag_xen_day: the sums of flag_xen_rec per day, XEN and wing (a row whose
-- resolved + rejected is 0 is removed).
CREATE TABLE flag_xen_day (
    day INTEGER NOT NULL, xen_id TEXT NOT NULL, wing TEXT NOT NULL,
    resolved INTEGER NOT NULL, rejected INTEGER NOT NULL,
    hug_num INTEGER NOT NULL, hug_den INTEGER NOT NULL,
    unverified INTEGER NOT NULL, complaints_resolved INTEGER NOT NULL,
    dissatisfied INTEGER NOT NULL, with_feedback INTEGER NOT NULL,
    fast_close INTEGER NOT NULL, repeat INTEGER NOT NULL,
    PRIMARY KEY (day, xen_id, wing)
) WITHOUT ROWID;
-- Both are rebuilt by the full pass, which runs when meta 'flag_config' (the
-- sha256 of the thresholds, severities, SLA profile, zone and version the
-- flags were computed under) differs from the run's: an existing database's
-- first pass after this migration is a full one.

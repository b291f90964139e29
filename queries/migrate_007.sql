-- Schema version 7 (issue 16). Applied by db_open() when PRAGMA
-- user_version < 7.
--
-- The figures' day store (src/compute/figstore.c): every record's
-- contributions to the figures cube (figures.h) summed per (local day, wing,
-- XEN, category), so that a night's figures read a few thousand cells and the
-- records that changed since the last figures, not every record of the cube's
-- five weeks (at 10 million records: 9.9 million rows, 9-10 s).
--   pend, over  the backlog and overdue differences falling on the day (the
--               backlog at the start of day X is the sum of pend over days <= X)
--   data        the day's counts and resolution times (figstore.c's layout)
-- The store is valid while meta 'figstore_tz' names the time zone its days
-- are in; figures_build() fills it the first time (one read of every record).
-- From then on every statement that changes a record's figure fields keeps
-- its earlier state in record.fig_old (ingest_upsert, judge_deadline,
-- purge_records), and the next figures take the old states out of the cells
-- and put the records' current ones in. (Not triggers: any trigger on record
-- makes SQLite keep a statement journal for every row a load writes, at 10x
-- some 3 GB of temporary writes and 0.8 s a night.)
CREATE TABLE fig_cell (
    day      INTEGER NOT NULL, -- local day number (nvtime.h)
    wing     TEXT NOT NULL,
    xen_id   TEXT NOT NULL,
    category TEXT NOT NULL,
    pend     INTEGER NOT NULL,
    over     INTEGER NOT NULL,
    data     BLOB NOT NULL,
    PRIMARY KEY (day, wing, xen_id, category)
) WITHOUT ROWID;
-- The state a record had before its first change since the last figures
-- (figstate.h), kept by the load, the judgement and the purge while the
-- store exists; NULL once counted. Records new since then are those above
-- meta 'figstore_rec' (the largest rec the store has counted).
ALTER TABLE record ADD COLUMN fig_old BLOB;

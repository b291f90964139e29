-- Schema version 10 (issue 16: a night's flags priced by the night).
-- Applied by db_open() when PRAGMA user_version < 10.
--
-- A record is stale for the flag pass when its load_id is above meta
-- 'flag_load_mark', the largest load_id when the last pass ended
-- (queries/flag_mark_set.sql), instead of when record.flag_stale = 1: the
-- pass no longer clears the column, an UPDATE that rewrote every row the
-- night loaded (26 ms of a 10x night's 0.21 s flag pass, ~2 s at 10M).
-- The load already sets load_id on every row it applies; flag_stale is no
-- longer written or read (SQLite 3.40 would rewrite the table to drop it).
-- A database upgraded with stale records keeps them stale: the mark is below
-- the smallest load_id among them (a superset, which the pass allows: it
-- recomputes the neighbours of a stale record under its old and new keys
-- alike). record_fstale goes; record_fload (queries/flag_stale_index.sql)
-- is built at the end of the next pass.
INSERT INTO meta(key, value)
SELECT 'flag_load_mark',
       coalesce((SELECT min(load_id) - 1 FROM record WHERE flag_stale = 1),
                (SELECT max(load_id) FROM record), 0)
WHERE true
ON CONFLICT(key) DO UPDATE SET value = excluded.value;
DROP INDEX IF EXISTS record_fstale;
-- The stale records, defined once: flag_counts.sql counts them,
-- flag_pair_fill.sql reads them (by record_fload once it exists).
CREATE VIEW IF NOT EXISTS flag_stale_rec AS
SELECT rec FROM record
WHERE load_id > coalesce((SELECT CAST(value AS INTEGER) FROM meta
                          WHERE key = 'flag_load_mark'), 0);

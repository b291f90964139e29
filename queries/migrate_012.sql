-- Schema version 12 (issue 16: a night priced by the night).
-- Applied by db_open() when PRAGMA user_version < 12.
--
-- The figures' day store (migrate_007.sql) no longer rewrites every record
-- a night loaded once it has counted them. A record is changed since the
-- store last counted it when its load_id is above meta 'figstore_load' (the
-- largest load_id when it last counted, kept with 'figstore_rec'), like the
-- flag pass's 'flag_load_mark' (migrate_010.sql); the load keeps in
-- fig_load_old the state the store counted (nv_figstate() of the row before
-- its first change since then), a value that means nothing once the record
-- is counted and is overwritten at its next change. record.fig_old, and its
-- partial index record_fig_dirty, now serve only the judgement of all
-- history and the purge, which change records without a load; the figures
-- clear those few (before: an UPDATE of every record the night loaded, at
-- 10x 13k rows and 20 ms, at 10M 518k rows and 1.35 s).
ALTER TABLE record ADD COLUMN fig_load_old BLOB;
-- Every record changed since the last figures has kept its state in fig_old
-- until now: none is changed by the mark.
INSERT OR REPLACE INTO meta(key, value)
SELECT 'figstore_load', (SELECT coalesce(max(load_id), 0) FROM record)
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'figstore_tz');
--
-- The full register (flag_register.sql) is read in its order from an index
-- instead of sorting every flag of history each night (242k records: 6.5k
-- flags, 22 -> 13 ms; at 10M 175k). Its terms are the ORDER BY's, so that
-- SQLite reads the index for it; the flag pass keeps it (a
-- night's few hundred flags).
CREATE INDEX IF NOT EXISTS flag_register_order
    ON flag(flag_code, coalesce(record_id, ''), xen_id, coalesce(source, ''),
            coalesce(report_day, ''), evidence);

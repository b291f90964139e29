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
--
-- The wings and XENs found in records come from the day store instead of
-- record_wing_xen (wing, xen_id, registered), an index of every record that
-- only listed them (fig_xens_store.sql, xlsx_wings_store.sql): each cell
-- counts in reg the records registered on its day, whatever their state
-- (figstore.c), and a partial index of the cells that hold any lists the
-- pairs by a skip-scan. One index fewer for every load to keep, and for a
-- new database's bulk load to build (242k records: ~0.2 s of its ~2 s).
ALTER TABLE fig_cell ADD COLUMN reg INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS fig_cell_reg ON fig_cell(wing, xen_id, day) WHERE reg > 0;
DROP INDEX IF EXISTS record_wing_xen;
-- The cells of a store filled before lack that count, and its records'
-- changes since are kept in fig_old: the store is emptied (as
-- figstore_drop.sql does), and the next figures fill it again from every
-- record, with both marks (once; at 10M ~20 s).
DELETE FROM fig_cell;
UPDATE record SET fig_old = NULL WHERE fig_old IS NOT NULL;
DELETE FROM meta WHERE key IN ('figstore_tz', 'figstore_rec', 'figstore_load');
--
-- The full register (flag_register.sql) is read in its order from an index
-- instead of sorting every flag of history each night (242k records: 6.5k
-- flags, 22 -> 13 ms; at 10M 175k). Its terms are the ORDER BY's, so that
-- SQLite reads the index for it; the flag pass keeps it (a night's few
-- hundred flags).
CREATE INDEX IF NOT EXISTS flag_register_order
    ON flag(flag_code, coalesce(record_id, ''), xen_id, coalesce(source, ''),
            coalesce(report_day, ''), evidence);

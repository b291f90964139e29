-- Marks every record's flags current: the records stale for the next pass
-- are those loaded after this one (load_id above the mark; migrate_010.sql).
-- Every load's id is above every stored record's (load rows are never
-- deleted), so the largest stored load_id is the mark. Read from
-- record_fload (flag_stale_index.sql, created just before).
INSERT INTO meta(key, value)
VALUES ('flag_load_mark', (SELECT coalesce(max(load_id), 0) FROM record))
ON CONFLICT(key) DO UPDATE SET value = excluded.value

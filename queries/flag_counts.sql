-- Stale records (loaded after the last pass: load_id above meta
-- 'flag_load_mark', 0 before the first), and the largest row id (an upper
-- bound of the record count, read in O(1), to choose a full or an
-- incremental pass).
SELECT (SELECT count(*) FROM record
        WHERE load_id > coalesce((SELECT CAST(value AS INTEGER) FROM meta
                                  WHERE key = 'flag_load_mark'), 0)),
       (SELECT coalesce(max(rec), 0) FROM record)

-- Stale records (loaded after the last pass: view flag_stale_rec,
-- migrate_010.sql), and the largest row id (an upper bound of the record
-- count, read in O(1), to choose a full or an incremental pass).
SELECT (SELECT count(*) FROM flag_stale_rec), (SELECT coalesce(max(rec), 0) FROM record)

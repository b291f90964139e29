-- Stale records, and the largest row id (an upper bound of the record count,
-- read in O(1), to choose a full or an incremental pass).
SELECT (SELECT count(*) FROM record WHERE flag_stale = 1), (SELECT coalesce(max(rec), 0) FROM record)

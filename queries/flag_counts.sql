-- Stale and total record counts (to choose a full or an incremental pass).
SELECT (SELECT count(*) FROM record WHERE flag_stale = 1), (SELECT count(*) FROM record)

-- purge_log_insert: logs one purge (?1 when, ?2 report day, ?3 cut-off,
-- ?4 N, ?5 records erased).
INSERT INTO purge_log (purged_at, report_day, cutoff, personal_days, records)
VALUES (?1, ?2, ?3, ?4, ?5);

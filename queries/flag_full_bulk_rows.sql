-- BULK_CLOSE, full pass (src/compute/flags_sweep.c): every resolution that can take
-- part (RESOLVED, a closing login, no TIME_ANOMALY), by login then disposal
-- time, for one ordered pass per login. NOT INDEXED: a scan and one sort
-- read each table page once (record_closer's order would cost a random
-- table read per row).
-- Columns: closed_by, rec, disposed, subdivision_key.
SELECT closed_by, rec, disposed, subdivision_key
FROM record NOT INDEXED
WHERE status = 'RESOLVED' AND closed_by IS NOT NULL AND closed_by <> ''
  AND disposed >= registered
ORDER BY closed_by, disposed

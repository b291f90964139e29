-- The stale records' index (flag_counts, flag_pair_fill, flag_seen_update,
-- flag_clear_stale read flag_stale = 1), created once the pass has cleared
-- flag_stale: after a fresh load every row is stale, and building it then
-- (and emptying it in flag_clear_stale) would cost more than the scans it
-- saves; from then on the loads keep it, and it holds one night's records.
CREATE INDEX IF NOT EXISTS record_fstale ON record(rec) WHERE flag_stale = 1

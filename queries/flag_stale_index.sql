-- The index the stale records are found by (view flag_stale_rec: load_id
-- above meta 'flag_load_mark'; flag_mark_set: the largest load_id),
-- created once the first pass is over: after a fresh load every row is
-- stale, and the bulk load would build it for nothing; from then on the
-- loads keep it (a new version's entry moves to the end, where the night's
-- loads are).
CREATE INDEX IF NOT EXISTS record_fload ON record(load_id)

-- The figures' day store's index, created with the store (figstore.c): the
-- records whose fig_old kept the state the store counted (figstore_dirty.sql),
-- which the judgement of all history and the purge keep from then on (the
-- records a load changed are found by load_id: record_fload,
-- flag_stale_index.sql).
CREATE INDEX IF NOT EXISTS record_fig_dirty ON record(rec) WHERE fig_old IS NOT NULL

-- The figures' day store's index, created with the store (figstore.c): the
-- records changed since the last figures (figstore_dirty.sql), which the
-- loads, the judgement and the purge keep from then on.
CREATE INDEX IF NOT EXISTS record_fig_dirty ON record(rec) WHERE fig_old IS NOT NULL

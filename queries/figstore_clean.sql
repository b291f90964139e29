-- The records whose fig_old kept a state (the judgement of all history, a
-- purge: figstore_dirty.sql), once the day store counts their current
-- state. The records a load changed need nothing: the store's new meta
-- 'figstore_load' puts them below it (migrate_012.sql).
UPDATE record SET fig_old = NULL WHERE fig_old IS NOT NULL

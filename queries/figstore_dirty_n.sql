-- How many records changed since the last figures (figstore_dirty.sql): those
-- that kept an earlier state in fig_old, and those a load changed since
-- (load_id above :load = meta 'figstore_load'); a record in both counts
-- twice (the count only chooses between the changes and a refill).
SELECT (SELECT count(*) FROM record INDEXED BY record_fig_dirty WHERE fig_old IS NOT NULL)
     + (SELECT count(*) FROM record INDEXED BY record_fload WHERE load_id > :load)

-- How many records changed since the last figures (figstore.c refills the
-- day store instead when they are more than half of all records): those
-- that kept an earlier state, and those above :max = meta 'figstore_rec'.
SELECT (SELECT count(*) FROM record INDEXED BY record_fig_dirty WHERE fig_old IS NOT NULL)
     + (SELECT count(*) FROM record WHERE rec > :max)

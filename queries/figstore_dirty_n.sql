-- How many records changed since the last figures (figstore.c refills the
-- day store instead when they are more than half of all records).
SELECT count(*) FROM record INDEXED BY record_fig_dirty WHERE fig_old IS NOT NULL

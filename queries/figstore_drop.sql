-- Empties the figures' day store before a fill (figstore.c), which rebuilds
-- it from the records: no cell, no kept state (through record_fig_dirty,
-- figstore_index.sql), no marks, no time zone (fig_load_old means
-- nothing below the marks the fill sets).
DELETE FROM fig_cell;
UPDATE record SET fig_old = NULL WHERE fig_old IS NOT NULL;
DELETE FROM meta WHERE key IN ('figstore_tz', 'figstore_rec', 'figstore_load');

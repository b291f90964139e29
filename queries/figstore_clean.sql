-- The changed records, once the day store counts their current state.
UPDATE record SET fig_old = NULL WHERE fig_old IS NOT NULL

-- Marks every record's flags current.
UPDATE record SET flag_stale = 0 WHERE flag_stale = 1

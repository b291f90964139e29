-- Affected set, part 1: the stale records themselves.
INSERT OR IGNORE INTO temp.flag_todo(rec) SELECT rec FROM temp.flag_pair

-- Affected set, part 1: the stale records themselves, for every rule (need
-- 31: every bit of flag_setup.sql's flag_todo.need).
INSERT OR IGNORE INTO temp.flag_todo(rec, need) SELECT rec, 31 FROM temp.flag_pair

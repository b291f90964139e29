-- 1 when layout ?1 sent data for the day ?2 (YYYY-MM-DD, instants [?3, ?4)):
-- a file of that layout, not refused whole, whose base name (the path after
-- its last '/') carries the date, or a record of that layout last updated
-- within the day (OUTPUTS.md, exit status 5).
SELECT EXISTS (SELECT 1 FROM load
               WHERE layout = ?1 AND error IS NULL
                 AND instr(replace(path, rtrim(path, replace(path, '/', '')), ''), ?2) > 0)
    OR EXISTS (SELECT 1 FROM record
               WHERE layout = ?1 AND last_updated >= ?3 AND last_updated < ?4);

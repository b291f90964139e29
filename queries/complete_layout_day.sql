-- 1 when layout ?1 sent data for the day ?2 (YYYY-MM-DD, instants [?3, ?4)):
-- a file of that layout, not refused whole, whose base name (the path after
-- its last '/') carries the date, or a record of that layout last updated
-- within the day (OUTPUTS.md, exit status 5). The records are read only
-- when no file carries the date (a CASE, not an OR: SQLite evaluates both
-- sides of an OR of two EXISTS, and the records' side, with no index on
-- last_updated, reads the whole table), newest row first (a night's records
-- are the last rows stored or among those it rewrote).
SELECT CASE
    WHEN EXISTS (SELECT 1 FROM load
                 WHERE layout = ?1 AND error IS NULL
                   AND instr(replace(path, rtrim(path, replace(path, '/', '')), ''), ?2) > 0)
        THEN 1
    ELSE (SELECT count(*) FROM (SELECT 1 FROM record
                                WHERE layout = ?1 AND last_updated >= ?3 AND last_updated < ?4
                                ORDER BY rec DESC LIMIT 1))
    END;

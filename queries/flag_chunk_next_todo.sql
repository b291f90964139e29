-- The first row id at or after :next in the affected set (NULL when done).
SELECT min(rec) FROM temp.flag_todo WHERE rec >= :next

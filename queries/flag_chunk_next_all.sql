-- The first row id at or after :next in every record (full pass) (NULL when done).
SELECT min(rec) FROM record WHERE rec >= :next

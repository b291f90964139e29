-- Where the next chunk starts: after the last row id of this one (NULL when
-- the chunk is empty: done).
SELECT max(rec) + 1 FROM temp.flag_aff

-- One chunk of the affected set: the next :n row ids from :lo on, into flag_aff.
INSERT INTO temp.flag_aff(rec) SELECT rec FROM temp.flag_todo WHERE rec >= :lo ORDER BY rec LIMIT :n

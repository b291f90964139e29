-- One chunk of every record (full pass): the next :n row ids from :lo on, into flag_aff.
INSERT INTO temp.flag_aff(rec) SELECT rec FROM record WHERE rec >= :lo ORDER BY rec LIMIT :n

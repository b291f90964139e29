-- One chunk of every record (full pass): row ids in [:lo, :hi) into flag_aff.
INSERT INTO temp.flag_aff(rec) SELECT rec FROM record WHERE rec >= :lo AND rec < :hi

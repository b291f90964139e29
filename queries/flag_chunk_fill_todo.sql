-- One chunk of the affected set: row ids in [:lo, :hi) into flag_aff.
INSERT INTO temp.flag_aff(rec) SELECT rec FROM temp.flag_todo WHERE rec >= :lo AND rec < :hi

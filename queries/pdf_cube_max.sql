-- PDF day cube: the largest record id (the size of the "seen" bitmap).
SELECT coalesce(max(rec), 0) FROM record

-- ingest_load_end: the counts, the refusal reason and the file's sha256 of
-- one load (the sha256 is known once the file has been read):
-- ?1 load_id, ?2 layout, ?3 rows_read, ?4 rows_loaded, ?5 rows_rejected, ?6 error,
-- ?7 sha256 ('' when the file could not be read).
UPDATE load SET layout = ?2, rows_read = ?3, rows_loaded = ?4, rows_rejected = ?5, error = ?6,
       sha256 = ?7
 WHERE load_id = ?1;

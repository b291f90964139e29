-- ingest_load_end: the counts and the refusal reason of one load:
-- ?1 load_id, ?2 layout, ?3 rows_read, ?4 rows_loaded, ?5 rows_rejected, ?6 error.
UPDATE load SET layout = ?2, rows_read = ?3, rows_loaded = ?4, rows_rejected = ?5, error = ?6
 WHERE load_id = ?1;

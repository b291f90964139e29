-- ingest_load_begin: the load row of one input file, written before its rows
-- (their load_id); counts, error and sha256 are filled by ingest_load_end.
-- ?1 path as given, ?2 sha256 ('' until then), ?3 layout (NULL when refused), ?4 loaded_at
-- (wall clock, history only).
INSERT INTO load (path, sha256, layout, loaded_at) VALUES (?1, ?2, ?3, ?4);

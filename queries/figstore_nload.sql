-- The largest load_id of a record (from record_fload): meta 'figstore_load'
-- once the day store has counted every record (figstore.c); a record a
-- later load changes goes above it.
SELECT coalesce(max(load_id), 0) FROM record

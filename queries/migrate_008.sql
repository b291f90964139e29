-- Schema version 8 (issue 16: workbooks near their floor, a bulk first
-- load). Applied by db_open() when PRAGMA user_version < 8.
--
-- record_registered carries the Records sheet's order after the time
-- (source, record_id: xlsx_records.sql), so that the sheet reads the
-- window's records in its order from the index: before, SQLite sorted every
-- result row (some thirty columns) within each second's ties, half of the
-- query's time (242k night: 1.35 s -> 0.67 s). Same name as before
-- (queries/indexes.sql, the bulk loader's list); on a new, empty database it
-- is built on no rows (the bulk path drops and rebuilds it).
DROP INDEX IF EXISTS record_registered;
CREATE INDEX record_registered ON record(registered, source, record_id);
-- record_open (registered WHERE disposed IS NULL) is dropped: no query's
-- plan used it, since record_disposed (disposed, registered) holds the same
-- range under disposed IS NULL; one index fewer to build after a bulk load
-- and to keep on every load.
DROP INDEX IF EXISTS record_open;

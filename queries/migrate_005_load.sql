-- Schema version 5 (issue 16: the figures engine priced by the night).
-- Applied by db_open() when PRAGMA user_version < 5.
--
-- record_disposed and record_judged carry registered after their time, so
-- that the figures' scan (fig_scan.sql) keeps or skips a record disposed or
-- judged in its range by "registered before the range" from the index
-- alone: before, it looked every such record up in the table (a random
-- page read per record of the month, most of the figures' time at 10
-- million records) only to drop the ones the first branch had already read.
-- Same names as before (queries/indexes.sql, the bulk loader's list); on a
-- new, empty database these are built on no rows (the bulk path drops and
-- rebuilds them).
DROP INDEX IF EXISTS record_disposed;
CREATE INDEX record_disposed ON record(disposed, registered);
DROP INDEX IF EXISTS record_judged;
CREATE INDEX record_judged ON record(judged_at, registered) WHERE judged_at IS NOT NULL;

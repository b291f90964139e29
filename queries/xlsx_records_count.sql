-- The number of rows xlsx_records.sql returns (same window and wing), for
-- the autofilter range set before the rows are written (constant_memory).
SELECT count(*) FROM record r
WHERE r.registered >= :w0 AND r.registered < :d1 AND +r.wing = :wing

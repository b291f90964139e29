-- Schema version 11 (issue 16: a night priced by the night).
-- Applied by db_open() when PRAGMA user_version < 11.
--
-- record_fig goes: a covering index of fourteen columns of every record,
-- which every load and judgement kept (two entries moved for each changed
-- record, at 10M at a random place of a ~1 GB index) for reads the figures'
-- day store (schema 7) has made rare: the store's fill, once, which reads
-- the table instead (building the index was itself a full read of it), and
-- --full. The MD report's data-quality counts read the few records of no
-- XEN or no category through record_dq (fig_index.sql) instead.
--
DROP INDEX IF EXISTS record_fig;
-- record_comp goes too (compensation's resolved records by disposal): the
-- figures' record_resolved (fig_index.sql) covers what it held and what the
-- service figures and the call-back draw read of a day's closures, which
-- each read the wide row of every closure of the day before (at 10M 2.6 s
-- and 2.1 s a night); one index kept by the loads instead of two.
DROP INDEX IF EXISTS record_comp;

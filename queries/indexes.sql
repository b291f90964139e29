-- Indexes on the record table, created after a bulk load of a fresh database
-- (and kept from then on). They serve the day figures (registered, disposed,
-- judged_at ranges), the open backlog, and the neighbour look-ups of the flag
-- rules (mobile, account, closing login, subdivision queue).
-- The stale-record indexes (judge_stale = 1; load_id, for the flag pass)
-- are not here: right after a fresh load every row is stale, so the passes
-- that read them create them once they are done (queries/judge_index.sql,
-- queries/flag_stale_index.sql).
-- registered, then the Records sheet's order within a second (migrate_008.sql)
CREATE INDEX IF NOT EXISTS record_registered ON record(registered, source, record_id);
-- disposed and judged_at carry registered (migrate_005_load.sql): the figures'
-- scan filters on it from the index; (disposed IS NULL, registered) is the
-- open records by time (record_open, which said the same, is gone:
-- migrate_008.sql).
CREATE INDEX IF NOT EXISTS record_disposed ON record(disposed, registered);
-- judged_at: only judged rows (every query takes a judged_at range, which
-- implies IS NOT NULL): a fresh load, all unjudged, builds it with a scan
-- and no sort.
CREATE INDEX IF NOT EXISTS record_judged ON record(judged_at, registered) WHERE judged_at IS NOT NULL;
-- (record_wing_xen is gone: the figures' day store lists the wings and XENs
-- found in records, migrate_012.sql.)
CREATE INDEX IF NOT EXISTS record_mobile ON record(mobile, registered) WHERE mobile IS NOT NULL;
CREATE INDEX IF NOT EXISTS record_account ON record(account, category, registered) WHERE account IS NOT NULL;
-- record_closer carries subdivision_key (migrate_009.sql): BULK_CLOSE's
-- first test, how many subdivisions a login closed in around a record, is
-- read from the index alone.
CREATE INDEX IF NOT EXISTS record_closer ON record(closed_by, disposed, subdivision_key) WHERE closed_by IS NOT NULL;
CREATE INDEX IF NOT EXISTS record_queue ON record(category, subdivision_key, registered) WHERE is_application = 1;
CREATE INDEX IF NOT EXISTS flag_rec ON flag(rec);
CREATE INDEX IF NOT EXISTS flag_day ON flag(report_day);

-- Schema version 9 (issue 16: a night priced by the night, a bulk first
-- load). Applied by db_open() when PRAGMA user_version < 9.
--
-- record_load_key (record_load(source, record_id)) is dropped: no query of
-- nivaran reads record_load by record (ingest_sighting.sql only appends to
-- it), yet every load kept the index (a random insert per row read) and a
-- first load built it, sorted, over every sighting: 84 ms of a 242k first
-- load (1.65 s -> 1.55 s measured), 5% of a night's load stage. An operator
-- tracing one record's sightings reads record_load whole (a second or two
-- at ten million rows); one who does it often can create the index again
-- (docs/operations.md), which nothing here drops again.
DROP INDEX IF EXISTS record_load_key;
--
-- record_closer carries subdivision_key after (closed_by, disposed), so that
-- BULK_CLOSE (flag_rule_bulk_close.sql) first counts, from the index alone,
-- the subdivisions a record's closing login closed in within the span either
-- side of it: a window holding the record lies in that range, so a login
-- that closed in fewer than min_subdivisions there cannot flag it. Where one
-- login closes many records a span (the generated 10M records: ~15 a quarter
-- hour, in its one subdivision), the rule otherwise counted every window
-- start's rows by table lookups: 85 s of a 10M night's 113 s flag pass. The
-- first open after the upgrade rebuilds this index (a read of the records).
DROP INDEX IF EXISTS record_closer;
CREATE INDEX record_closer ON record(closed_by, disposed, subdivision_key) WHERE closed_by IS NOT NULL;

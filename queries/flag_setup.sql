-- Setup of the record-level flag pass (flags_update_records): this pass's
-- working tables (temporary, per connection). The keys each record had when
-- its flags were last computed are in flag_seen (queries/migrate_002.sql).
-- Stale records: current and previous keys side by side (o_* NULL, has_old 0
-- for a record never flagged before).
CREATE TEMP TABLE IF NOT EXISTS flag_pair (
    rec INTEGER PRIMARY KEY, has_old INTEGER NOT NULL, o_rec INTEGER,
    n_registered INTEGER, n_disposed INTEGER, n_is_application INTEGER, n_category TEXT,
    n_subdivision_key TEXT, n_mobile TEXT, n_account TEXT, n_closed_by TEXT,
    o_registered INTEGER, o_disposed INTEGER, o_is_application INTEGER, o_category TEXT,
    o_subdivision_key TEXT, o_mobile TEXT, o_account TEXT, o_closed_by TEXT
);
-- The affected set (incremental pass): records whose record-level flags
-- this pass recomputes; worked through a chunk at a time in flag_aff, which
-- the rules read (a full pass fills flag_aff from record directly). A chunk
-- carries the record fields the six rules read of an affected record, read
-- once (flag_chunk_fill_*.sql) instead of a look-up of the wide record row
-- in each rule: 14k records a 10x night, ~5 ms a rule.
-- need: the rules whose result for the record can have changed, as bits:
-- 1 the record itself is stale (every rule: TIME_ANOMALY and FAST_CLOSE read
-- nothing else), 2 a BULK_CLOSE neighbour, 4 TOUT_PHONE, 8 QUEUE_JUMP,
-- 16 REPEAT_AFTER_CLOSE. A neighbour under one rule whose own fields did not
-- change keeps its other rules' results: each rule reads only the records
-- whose bit it is (or 1), and flag_delete_aff.sql removes only their flags.
-- (At 10M, a UP-sized night's 30k stale records have ~100k neighbours in
-- all, each a neighbour under one rule or two.)
CREATE TEMP TABLE IF NOT EXISTS flag_todo (rec INTEGER PRIMARY KEY, need INTEGER NOT NULL);
-- The affected records whose officer-level running sums can change
-- (queries/flag_xen_update.sql): those whose fields, judgement or FAST_CLOSE
-- and REPEAT_AFTER_CLOSE flags can have changed, need bits 1 and 16.
CREATE TEMP VIEW IF NOT EXISTS flag_todo_xen AS SELECT rec FROM temp.flag_todo WHERE need & 17;
CREATE TEMP TABLE IF NOT EXISTS flag_aff (
    rec INTEGER PRIMARY KEY, wing TEXT, xen_id TEXT, registered INTEGER, disposed INTEGER,
    status TEXT, category TEXT, is_application INTEGER, subdivision_key TEXT, closed_by TEXT,
    mobile TEXT, account TEXT, need INTEGER NOT NULL
);
-- The full pass's hits of BULK_CLOSE, TOUT_PHONE, QUEUE_JUMP and
-- REPEAT_AFTER_CLOSE (src/compute/flags_sweep.c): code (nv_flag_code), record, and
-- the figures its evidence query (queries/flag_full_*.sql) reads.
CREATE TEMP TABLE IF NOT EXISTS flag_hit (
    code INTEGER NOT NULL, rec INTEGER NOT NULL, s TEXT,
    a INTEGER, b INTEGER, c INTEGER, d INTEGER, ids TEXT
);
-- The changes to the officer-level running sums of one incremental pass
-- (queries/flag_xen_update.sql), per local day, XEN and wing.
CREATE TEMP TABLE IF NOT EXISTS flag_xen_delta (
    day INTEGER, xen_id TEXT, wing TEXT, resolved INTEGER, rejected INTEGER,
    hug_num INTEGER, hug_den INTEGER, unverified INTEGER, complaints_resolved INTEGER,
    dissatisfied INTEGER, with_feedback INTEGER, fast_close INTEGER, repeat INTEGER
);
-- FAST_CLOSE minimum plausible seconds per category (from flags.ini).
CREATE TEMP TABLE IF NOT EXISTS flag_cat_min (category TEXT PRIMARY KEY, min_s INTEGER NOT NULL);
DELETE FROM temp.flag_pair;
DELETE FROM temp.flag_todo;
DELETE FROM temp.flag_aff;
DELETE FROM temp.flag_cat_min;
DELETE FROM temp.flag_hit;
-- QUEUE_JUMP counts the applications of a queue disposed after a time, or
-- open, registered before a bound: a range of this index, read alone.
-- (Belongs with queries/indexes.sql.)
CREATE INDEX IF NOT EXISTS flag_queue_disp ON record(category, subdivision_key, disposed, registered)
    WHERE is_application = 1;

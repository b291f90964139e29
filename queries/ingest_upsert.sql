-- ingest_upsert: stores one normalised row as the record (source, record_id),
-- or replaces the stored one by the repeat rule of EXPORTS.md: only when the
-- new last_updated is later; on equal last_updated a disposed state beats an
-- open one, and otherwise the row whose raw text sorts later byte-wise
-- (BINARY collation) wins. The rule is a strict total order on rows, so any
-- order of files, or a file loaded twice, leaves the same table. A stored or
-- replaced row is marked for re-judging (judge_stale) and, by its load_id,
-- for the flag pass (view flag_stale_rec, migrate_010.sql); its judgement
-- is cleared (?33 judge_stale = 1, ?34..?36 deadline, outcome, judged_at
-- NULL), or, when the load has the SLA clock of the profile the records were
-- last judged under (ingest_set_clock(), clock.h), the row's judgement from
-- its own fields (the keys ingest_rekey.sql sets after it included) with
-- judge_stale 0, so that the judgement that follows has nothing to rewrite.
-- sqlite3_changes() = 1 when the row was applied.
-- While the figures' day store exists (migrate_007.sql), a replaced record
-- keeps in fig_load_old the state the store counted (nv_figstate() of the
-- row before its first change since then: the first time its load_id goes
-- above meta 'figstore_load', migrate_012.sql; a record whose fig_old holds
-- that state already, from the judgement or the purge, keeps it there); a
-- new one needs nothing: its rec is above the store's meta 'figstore_rec'.
-- (fig_old is not SET: the loads no longer move entries of its partial
-- index record_fig_dirty.)
-- A purged record (record.purged, OUTPUTS.md) is frozen: no row replaces it.
-- The record's keys (registered, category, wing, xen_id, subdivision_key,
-- is_application, mobile, account) are not SET here: SQLite rewrites the
-- entries of every index whose columns a SET names, changed or not, and
-- four indexes hold only these (record_registered, record_mobile,
-- record_account, record_queue; the last three in an order unrelated to
-- the load's): ingest_rekey.sql sets those that changed, after
-- each row applied. (A RETURNING clause saying whether they differ cost
-- more than it saved: SQLite runs it as a trigger.)
-- The bulk path (a database empty at open) runs the part before ON CONFLICT
-- as INSERT OR FAIL with its VALUES row repeated for 16 rows (ingest.c
-- renumbers the parameters), and this statement for a row that conflicts:
-- keep the VALUES row on its own lines, between VALUES and ON CONFLICT.
INSERT INTO record (
    source, record_id, layout, is_application, category, wing, xen_id,
    subdivision, subdivision_key, channel, raw_status, status, registered, disposed,
    last_updated, has_due_col, due, mobile, account, consumer_name, address, closed_by,
    officer_typed, otp_verified, feedback, reopen_count, return_count, remarks, raw,
    load_id, line, judge_stale, deadline, outcome, judged_at, time_anomaly, raw_category)
VALUES (
    ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,
    ?33, ?34, ?35, ?36, coalesce(?14 < ?13, 0), ?32)
ON CONFLICT (source, record_id) DO UPDATE SET
    layout = excluded.layout, subdivision = excluded.subdivision,
    channel = excluded.channel, raw_status = excluded.raw_status, status = excluded.status,
    disposed = excluded.disposed,
    last_updated = excluded.last_updated, has_due_col = excluded.has_due_col,
    due = excluded.due,
    consumer_name = excluded.consumer_name, address = excluded.address,
    closed_by = excluded.closed_by, officer_typed = excluded.officer_typed,
    otp_verified = excluded.otp_verified, feedback = excluded.feedback,
    reopen_count = excluded.reopen_count, return_count = excluded.return_count,
    remarks = excluded.remarks, raw = excluded.raw, load_id = excluded.load_id,
    line = excluded.line, judge_stale = excluded.judge_stale, deadline = excluded.deadline,
    outcome = excluded.outcome, judged_at = excluded.judged_at,
    time_anomaly = excluded.time_anomaly,
    raw_category = excluded.raw_category,
    fig_load_old = CASE WHEN record.fig_old IS NOT NULL
                       OR record.load_id > (SELECT CAST(value AS INTEGER) FROM meta
                                            WHERE key = 'figstore_load')
                       OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'figstore_tz')
                       THEN record.fig_load_old
              ELSE nv_figstate(record.wing, record.xen_id, record.category, record.registered, record.disposed,
                               record.time_anomaly, record.status, record.judged_at, record.outcome, record.deadline,
                               record.is_application, record.mobile, record.closed_by) END
WHERE record.purged = 0 AND (excluded.last_updated > record.last_updated
   OR (excluded.last_updated = record.last_updated
       AND ((excluded.status <> 'OPEN') > (record.status <> 'OPEN')
            OR ((excluded.status <> 'OPEN') = (record.status <> 'OPEN')
                AND excluded.raw > record.raw))));

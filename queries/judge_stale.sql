-- The judgement of every stale record (METRICS.md), in one pass over them
-- (one UPDATE: SQLite rewrites a row, and its entries in every index whose
-- columns the SET names, once per statement that changes it), by the SLA
-- clock armed with the profile (nv_deadline, nv_outcome, nv_judged_at:
-- src/store/clock.c, the one place of the rule, which the load applies too
-- while the clock is armed: ingest_upsert.sql).
-- time_anomaly when disposed is earlier than registered; the deadline from
-- the category's limit under the profile, or the record's own due when its
-- layout maps a due-date column; the outcome once and for all (METRICS.md's
-- table): MET at disposed, not judged (a rejection by the deadline, a time
-- anomaly, no deadline), or BREACHED at the deadline. Clears judge_stale.
UPDATE OR FAIL record SET
    time_anomaly = j.ta,
    deadline = j.dl,
    outcome = nv_outcome(j.ta, j.dl, record.status, record.disposed),
    judged_at = nv_judged_at(j.ta, j.dl, record.status, record.disposed),
    judge_stale = 0
FROM (SELECT r.rec,
             (r.disposed IS NOT NULL AND r.disposed < r.registered) AS ta,
             nv_deadline(r.has_due_col, r.due, r.registered, r.category) AS dl
      FROM record AS r
      WHERE r.judge_stale = 1) AS j
WHERE record.rec = j.rec

-- The judgement of every stale record (METRICS.md), in one pass over them
-- (one UPDATE: SQLite rewrites a row, and its entries in every index whose
-- columns the SET names, once per statement that changes it).
-- The SLA clock: time_anomaly when disposed is earlier than registered;
-- deadline = registered + the category's limit under the profile
-- (temp.nv_sla, else the default ?1 seconds), or, when the record's layout
-- maps a due-date column, the record's own due (NULL due: no deadline, the
-- record is never judged nor overdue).
-- The outcome, once and for all (METRICS.md's table): RESOLVED by the
-- deadline: MET, judged at disposed; REJECTED by the deadline: not judged;
-- not disposed by the deadline (open, or disposed later): BREACHED, judged at
-- the deadline. An open record whose deadline is still ahead is stored
-- BREACHED at its (future) deadline too: it is certain to be breached then
-- unless disposed first, and disposing it makes a load mark it stale and
-- re-judged; every figure selects judged_at within its window, so it counts
-- only once its deadline has passed. TIME_ANOMALY records and records
-- without a deadline get no outcome. Clears judge_stale.
UPDATE OR FAIL record SET
    time_anomaly = j.ta,
    deadline = j.dl,
    outcome = CASE
        WHEN j.ta = 1 OR j.dl IS NULL THEN NULL
        WHEN record.status <> 'OPEN' AND record.disposed IS NOT NULL AND record.disposed <= j.dl
            THEN CASE WHEN record.status = 'RESOLVED' THEN 'MET' END
        ELSE 'BREACHED' END,
    judged_at = CASE
        WHEN j.ta = 1 OR j.dl IS NULL THEN NULL
        WHEN record.status <> 'OPEN' AND record.disposed IS NOT NULL AND record.disposed <= j.dl
            THEN CASE WHEN record.status = 'RESOLVED' THEN record.disposed END
        ELSE j.dl END,
    judge_stale = 0
FROM (SELECT r.rec,
             (r.disposed IS NOT NULL AND r.disposed < r.registered) AS ta,
             CASE WHEN r.has_due_col = 1 THEN r.due
                  ELSE r.registered + coalesce((SELECT s.secs FROM temp.nv_sla AS s
                                                WHERE s.category = r.category), ?1)
                  END AS dl
      FROM record AS r
      WHERE r.judge_stale = 1) AS j
WHERE record.rec = j.rec

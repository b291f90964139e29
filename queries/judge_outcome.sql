-- The outcome of every stale record, once and for all (METRICS.md's table):
-- RESOLVED by the deadline: MET, judged at disposed; REJECTED by the deadline:
-- not judged; not disposed by the deadline (open, or disposed later): BREACHED,
-- judged at the deadline. An open record whose deadline is still ahead is
-- stored BREACHED at its (future) deadline too: it is certain to be breached
-- then unless disposed first, and disposing it makes a load mark it stale and
-- re-judged; every figure selects judged_at within its window, so it counts
-- only once its deadline has passed. TIME_ANOMALY records and records without
-- a deadline get no outcome. Clears judge_stale.
UPDATE OR FAIL record SET
    outcome = CASE
        WHEN time_anomaly = 1 OR deadline IS NULL THEN NULL
        WHEN status <> 'OPEN' AND disposed IS NOT NULL AND disposed <= deadline
            THEN CASE WHEN status = 'RESOLVED' THEN 'MET' END
        ELSE 'BREACHED' END,
    judged_at = CASE
        WHEN time_anomaly = 1 OR deadline IS NULL THEN NULL
        WHEN status <> 'OPEN' AND disposed IS NOT NULL AND disposed <= deadline
            THEN CASE WHEN status = 'RESOLVED' THEN disposed END
        ELSE deadline END,
    judge_stale = 0
WHERE judge_stale = 1

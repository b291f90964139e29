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
WHERE judge_stale = 1;
-- The stale-record index the next passes read (judge_deadline, this file):
-- created here, at the end of the first judgement, and kept from then on.
-- Not in indexes.sql: right after a fresh load every row is stale, and an
-- index built then would hold every row only for this pass to delete them
-- all; created here it holds none (one scan of the table, no sort). Later
-- loads add the rows they mark stale, and a nightly pass reads just those.
CREATE INDEX IF NOT EXISTS record_stale ON record(rec) WHERE judge_stale = 1;

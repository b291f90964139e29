-- Marks every record for re-judging (the SLA profile changed: METRICS.md,
-- "a change of profile re-judges all history").
UPDATE OR FAIL record SET judge_stale = 1 WHERE judge_stale = 0

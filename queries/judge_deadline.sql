-- The SLA clock of every stale record (METRICS.md): time_anomaly when disposed
-- is earlier than registered; deadline = registered + the category's limit
-- under the profile (temp.nv_sla, else the default ?1 seconds), or, when the
-- record's layout maps a due-date column, the record's own due (NULL due:
-- no deadline, the record is never judged nor overdue).
UPDATE OR FAIL record SET
    time_anomaly = (disposed IS NOT NULL AND disposed < registered),
    deadline = CASE WHEN has_due_col = 1 THEN due
               ELSE registered + coalesce((SELECT s.secs FROM temp.nv_sla AS s
                                           WHERE s.category = record.category), ?1)
               END
WHERE judge_stale = 1

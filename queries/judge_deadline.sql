-- The SLA clock of every stale record (METRICS.md): time_anomaly when disposed
-- is earlier than registered; deadline = registered + the category's limit
-- under the profile (temp.nv_sla, else the default ?1 seconds), or, when the
-- record's layout maps a due-date column, the record's own due (NULL due:
-- no deadline, the record is never judged nor overdue). While the figures'
-- day store exists, a record keeps the state it counted in fig_old
-- (ingest_upsert.sql).
UPDATE OR FAIL record SET
    time_anomaly = (disposed IS NOT NULL AND disposed < registered),
    deadline = CASE WHEN has_due_col = 1 THEN due
               ELSE registered + coalesce((SELECT s.secs FROM temp.nv_sla AS s
                                           WHERE s.category = record.category), ?1)
               END,
    fig_old = CASE WHEN fig_old IS NOT NULL
                  OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'figstore_tz') THEN fig_old
              ELSE nv_figstate(wing, xen_id, category, registered, disposed,
                               time_anomaly, status, judged_at, outcome, deadline,
                               is_application, mobile, closed_by) END
WHERE judge_stale = 1

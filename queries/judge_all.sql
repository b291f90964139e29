-- Marks every record for re-judging (the SLA profile changed: METRICS.md,
-- "a change of profile re-judges all history"). While the figures' day
-- store exists, each keeps the state the store counted in fig_old, as a
-- load's replaced record does (ingest_upsert.sql): a stale record is either
-- new, or replaced by a load, or marked here, so the judgement that follows
-- needs to keep nothing itself.
UPDATE OR FAIL record SET judge_stale = 1,
    fig_old = CASE WHEN fig_old IS NOT NULL
                  OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'figstore_tz') THEN fig_old
              ELSE nv_figstate(wing, xen_id, category, registered, disposed,
                               time_anomaly, status, judged_at, outcome, deadline,
                               is_application, mobile, closed_by) END
WHERE judge_stale = 0

-- Marks every record for re-judging (the SLA profile changed: METRICS.md,
-- "a change of profile re-judges all history"). While the figures' day
-- store exists, each keeps the state the store counted in fig_old, but
-- a record a load changed since the store counted it (load_id above meta
-- 'figstore_load'), which keeps it in fig_load_old (ingest_upsert.sql): a
-- stale record is either new, or replaced by a load, or marked here, so the
-- judgement that follows needs to keep nothing itself.
UPDATE OR FAIL record SET judge_stale = 1,
    fig_old = CASE WHEN fig_old IS NOT NULL
                  OR load_id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'figstore_load')
                  OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'figstore_tz') THEN fig_old
              ELSE nv_figstate(wing, xen_id, category, registered, disposed,
                               time_anomaly, status, judged_at, outcome, deadline,
                               is_application, mobile, closed_by) END
WHERE judge_stale = 0

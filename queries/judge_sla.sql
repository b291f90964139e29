-- The SLA limit of the profile being applied, in seconds per category, as a
-- temporary table read by judge_stale (metrics_judge() fills it through
-- judge_sla_put; categories not listed take the profile's default).
CREATE TEMP TABLE IF NOT EXISTS nv_sla (category TEXT PRIMARY KEY, secs INTEGER NOT NULL);
DELETE FROM temp.nv_sla;

-- The records changed since the last figures (figstore.c): the state the
-- day store counted (NULL: none, the record is new since then, above :max =
-- meta 'figstore_rec'; figstate.h), then the current one in
-- figstore_all.sql's columns after the sign. Changed by a load: load_id
-- above :load = meta 'figstore_load', the state in fig_load_old, or in
-- fig_old when the judgement or a purge kept it there first
-- (ingest_upsert.sql); changed by those alone: the state in fig_old
-- (record_fig_dirty).
SELECT CASE WHEN rec > :max THEN NULL ELSE fig_old END, 1, wing, xen_id, category, registered,
       disposed, time_anomaly, status, judged_at, outcome, deadline, is_application,
       mobile IS NOT NULL, closed_by IS NOT NULL AND length(closed_by) > 0
FROM record INDEXED BY record_fig_dirty WHERE fig_old IS NOT NULL AND load_id <= :load
UNION ALL
SELECT CASE WHEN rec > :max THEN NULL WHEN fig_old IS NOT NULL THEN fig_old ELSE fig_load_old END,
       1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record INDEXED BY record_fload WHERE load_id > :load

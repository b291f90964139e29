-- The records changed since the last figures (figstore.c): the state the
-- day store counted (fig_old, figstate.h; NULL: none, the record is new
-- since then, above :max = meta 'figstore_rec'), then the current one in
-- figstore_all.sql's columns after the sign.
SELECT CASE WHEN rec > :max THEN NULL ELSE fig_old END, 1, wing, xen_id, category, registered,
       disposed, time_anomaly, status, judged_at, outcome, deadline, is_application,
       mobile IS NOT NULL, closed_by IS NOT NULL AND length(closed_by) > 0
FROM record INDEXED BY record_fig_dirty WHERE fig_old IS NOT NULL
UNION ALL
SELECT NULL, 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record WHERE rec > :max AND fig_old IS NULL

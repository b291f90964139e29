-- The records pending at instant :end (registered before it and open, or
-- disposed at or after it without a time anomaly), with what the backlog's
-- age bands need (figures.h): the cube's end as the day store builds it.
-- The open ones come from the partial index record_fig_open alone
-- (fig_index.sql, which every cube's read creates first).
SELECT wing, xen_id, category, registered, deadline
FROM record INDEXED BY record_fig_open WHERE disposed IS NULL AND registered < :end
UNION ALL
SELECT wing, xen_id, category, registered, deadline
FROM record WHERE disposed >= :end AND +registered < :end AND time_anomaly = 0

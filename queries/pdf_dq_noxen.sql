-- MD report data quality: subdivisions of records registered in [?1, ?2)
-- that no XEN of the org chart covers (xen_id UNASSIGNED), per wing, most
-- records first; nothing for an organisation without an org chart (its
-- UNASSIGNED records are those whose export names no XEN).
-- The window's UNASSIGNED records are found by the partial index record_dq
-- (fig_index.sql): only they are read from the table, not every record of
-- the day.
SELECT wing, coalesce(subdivision, ''), count(*) FROM record
WHERE registered >= ?1 AND registered < ?2 AND xen_id = 'UNASSIGNED'
  AND EXISTS (SELECT 1 FROM org_xen)
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2

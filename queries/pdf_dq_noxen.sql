-- MD report data quality: subdivisions of records registered in [?1, ?2)
-- that no XEN of the org chart covers (xen_id UNASSIGNED), per wing, most
-- records first.
SELECT wing, coalesce(subdivision, ''), count(*) FROM record
WHERE registered >= ?1 AND registered < ?2 AND xen_id = 'UNASSIGNED'
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2

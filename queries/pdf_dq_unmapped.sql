-- MD report data quality: records registered in [?1, ?2) whose category is
-- in no template (UNMAPPED), per source.
SELECT source, count(*) FROM record
WHERE registered >= ?1 AND registered < ?2 AND category = 'UNMAPPED'
GROUP BY source ORDER BY source

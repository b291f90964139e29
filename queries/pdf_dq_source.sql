-- MD report data quality (when the run loaded no files): records per source
-- whose last change falls in [?1, ?2), to spot a source that sent nothing.
SELECT source, count(*) FROM record
WHERE last_updated >= ?1 AND last_updated < ?2
GROUP BY source

-- MD report data quality: records registered in [?1, ?2) whose category is
-- in no template (UNMAPPED), per source and exported category
-- (raw_category; NULL when the export left it empty, or for a record stored
-- before schema version 2), the most frequent first.
-- The window's UNMAPPED records are found by the partial index record_dq
-- (fig_index.sql): only they are read from the table, not every record of
-- the day.
SELECT source, raw_category, count(*) AS n FROM record
WHERE registered >= ?1 AND registered < ?2 AND category = 'UNMAPPED'
GROUP BY source, raw_category ORDER BY n DESC, source, raw_category

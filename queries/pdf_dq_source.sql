-- MD report data quality (when the run loaded no files): records per source
-- registered or disposed in [?1, ?2), from the registered and disposed
-- indexes (a full scan for last_updated would read all history), to spot a
-- source that sent nothing for the window.
SELECT source, count(*) FROM (
    SELECT source FROM record WHERE registered >= ?1 AND registered < ?2
    UNION ALL
    SELECT source FROM record WHERE disposed >= ?1 AND disposed < ?2
)
GROUP BY source

-- The wings that get a workbook, as xlsx_wings.sql, from the figures' day
-- store once this run's figures made it current (figstore.c): the org
-- chart's wings and those of any record, a cell with reg > 0 (every record
-- is counted on its registration day), by a skip-scan of fig_cell_reg
-- (migrate_012.sql) that visits each distinct wing by min() look-ups.
WITH RECURSIVE w (wing) AS (
    SELECT min(wing) FROM fig_cell WHERE reg > 0
    UNION ALL
    SELECT (SELECT min(c.wing) FROM fig_cell AS c WHERE c.reg > 0 AND c.wing > w.wing)
    FROM w WHERE w.wing IS NOT NULL
)
SELECT wing FROM org_xen WHERE wing <> 'UNMAPPED'
UNION
SELECT wing FROM w WHERE wing IS NOT NULL AND wing <> 'UNMAPPED'
ORDER BY 1

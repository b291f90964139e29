-- The wings that get a workbook, as xlsx_wings.sql, found without reading
-- every record: a skip-scan over an index on record (wing, xen_id,
-- registered) visits each distinct wing by min() look-ups. Used only when
-- fig_xens_index finds such an index (without one, every step would scan
-- the table).
WITH RECURSIVE w (wing) AS (
    SELECT min(wing) FROM record
    UNION ALL
    SELECT (SELECT min(r.wing) FROM record AS r WHERE r.wing > w.wing)
    FROM w WHERE w.wing IS NOT NULL
)
SELECT wing FROM org_xen WHERE wing <> 'UNMAPPED'
UNION
SELECT wing FROM w WHERE wing IS NOT NULL AND wing <> 'UNMAPPED'
ORDER BY 1

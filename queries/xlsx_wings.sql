-- The wings that get a workbook (xlsx.h): the wings of the org chart and the
-- wings found in records, except UNMAPPED (records of no known category).
SELECT wing FROM org_xen WHERE wing <> 'UNMAPPED'
UNION
SELECT DISTINCT wing FROM record WHERE wing <> 'UNMAPPED'
ORDER BY 1

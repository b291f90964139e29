-- About sheet (VERIFY.md): the values that identify the workbook beside the
-- labels Organisation, Wing and Report day (read back by `nivaran review`),
-- then the thresholds in force, the definitions and the version
-- (temp.verify_about).
SELECT label, value FROM (
    SELECT 0 AS ord, 'Organisation' AS label,
           coalesce((SELECT value FROM meta WHERE key = 'organisation' AND value <> ''), 'KESCO')
               AS value
    UNION ALL SELECT 1, 'Wing', :wing
    UNION ALL SELECT 2, 'Report day', :report_day
    UNION ALL SELECT 10 + ord, label, value FROM temp.verify_about)
ORDER BY ord

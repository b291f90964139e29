-- Summary 30-day trend of one wing: for each day of temp.xlsx_days, received,
-- resolved, met and breached as METRICS.md defines them (time anomalies left
-- out), as xlsx_win.c added them up from xlsx_windows.sql into
-- temp.xlsx_trend; a day without any is all zeros.
SELECT d.day, coalesce(t.received, 0) AS received, coalesce(t.resolved, 0) AS resolved,
       coalesce(t.met, 0) AS met, coalesce(t.breached, 0) AS breached
FROM temp.xlsx_days d
LEFT JOIN temp.xlsx_trend t ON t.wing = :wing AND t.day = d.day
ORDER BY d.day

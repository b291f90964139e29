-- The flags' self-check, officer level: XENs flagged per code for report
-- day :report_day.
SELECT flag_code, count(DISTINCT xen_id) FROM flag
WHERE rec IS NULL AND report_day = :report_day
GROUP BY flag_code

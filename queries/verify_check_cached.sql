-- The self-check stored by verify_check_fill() for report :report_day
-- (temp.verify_check), in its order.
SELECT rule, level = 'XENs', flagged, examined, pct, check_flag
FROM temp.verify_check WHERE report_day = :report_day ORDER BY ord

-- The self-check stored by verify_check_fill() for report :report_day
-- (temp.verify_check), in its order; level is 'records' or the organisation's
-- word for its officers (XENs).
SELECT rule, level <> 'records', flagged, examined, pct, check_flag
FROM temp.verify_check WHERE report_day = :report_day ORDER BY ord

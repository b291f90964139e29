-- Removes the NOT_FIXED_RATE flags of one report (recomputed each time).
DELETE FROM flag WHERE rec IS NULL AND flag_code = 'NOT_FIXED_RATE' AND report_day = :report_day

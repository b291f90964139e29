-- Self-check sheet (the same for every wing: the rules are the
-- organisation's): per rule, flagged / examined over the 30 days ending the
-- report day (record level) or on the report day (officer level), the
-- share, and "check the threshold" above the limit of templates/verify.ini
-- (temp.verify_check, filled by verify_check_fill()). :wing is not used.
SELECT rule, level, flagged, examined, pct, mark
FROM temp.verify_check
WHERE :wing IS NOT NULL
ORDER BY ord

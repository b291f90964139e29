-- One rule of the self-check, for the workbooks' Self-check sheet
-- (temp.verify_check): ord, rule, level, flagged, examined, pct, mark, the
-- report it was computed for and whether it is marked.
INSERT INTO temp.verify_check(ord, rule, level, flagged, examined, pct, mark, report_day,
                              check_flag)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)

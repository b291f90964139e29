-- One rule of the self-check, for the workbooks' Self-check sheet
-- (temp.verify_check): ord, rule, level, flagged, examined, pct, mark.
INSERT INTO temp.verify_check(ord, rule, level, flagged, examined, pct, mark)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)

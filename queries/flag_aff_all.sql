-- Affected set for a full pass: every record.
INSERT INTO temp.flag_aff(rec) SELECT rec FROM record

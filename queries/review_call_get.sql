-- The stored outcome of a call-back key: outcome (NULL = withdrawn), note,
-- reviewer and the report day of the file it came from.
SELECT outcome, note, reviewer, file_day FROM callback_outcome WHERE callback_key = :key

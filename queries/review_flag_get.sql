-- The stored review of a flag key: review (NULL = withdrawn), note, reviewer
-- and the report day of the file it came from.
SELECT review, note, reviewer, file_day FROM flag_review WHERE flag_key = :key

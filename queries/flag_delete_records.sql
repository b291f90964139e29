-- Removes every record-level flag (full pass).
DELETE FROM flag WHERE rec IS NOT NULL

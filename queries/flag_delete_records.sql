-- Removes every record-level flag (full pass).
DELETE FROM flag WHERE rec IS NOT NULL
  AND rec NOT IN (SELECT rec FROM record WHERE purged = 1)

-- Removes the officer-level flags of one report day (before recomputing it).
DELETE FROM flag WHERE rec IS NULL AND report_day = :report_day

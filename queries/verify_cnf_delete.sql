-- Removes every CALLBACK_NOT_FIXED flag (recomputed from the stored outcomes
-- by verify_flags(): outcomes change with each reading, records do not).
DELETE FROM flag WHERE flag_code = 'CALLBACK_NOT_FIXED'

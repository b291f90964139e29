-- QUEUE_JUMP, full pass (src/compute/flags_sweep.c): every application of a queue
-- (category and subdivision), by queue then registration and record id, for
-- one ordered pass per queue. Columns: category, subdivision_key, rec,
-- registered, disposed, resolved (status RESOLVED), record_id.
SELECT category, subdivision_key, rec, registered, disposed, status = 'RESOLVED', record_id
FROM record
WHERE is_application = 1 AND subdivision_key IS NOT NULL
ORDER BY category, subdivision_key, registered, record_id

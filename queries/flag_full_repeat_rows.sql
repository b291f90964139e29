-- REPEAT_AFTER_CLOSE, full pass (src/flags_sweep.c): every 1912 complaint
-- with an account, by account and category then registration and record id,
-- for one ordered pass per account and category. NOT INDEXED as in
-- flag_full_bulk_rows. Columns: account, category, rec, registered,
-- disposed, resolved (status RESOLVED), record_id.
SELECT account, category, rec, registered, disposed, status = 'RESOLVED', record_id
FROM record NOT INDEXED
WHERE is_application = 0 AND account IS NOT NULL AND account <> ''
ORDER BY account, category, registered, record_id

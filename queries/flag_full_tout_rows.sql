-- TOUT_PHONE, full pass (src/flags_sweep.c): every record with a mobile that
-- can take part (no TIME_ANOMALY), by mobile then registration and record
-- id, with the account it counts as (a record without account is an account
-- of its own), for one ordered pass per mobile.
-- Columns: mobile, rec, registered, account key, record_id.
SELECT mobile, rec, registered, coalesce(nullif(account, ''), '#' || rec), record_id
FROM record NOT INDEXED
WHERE mobile IS NOT NULL AND mobile <> ''
  AND (disposed IS NULL OR disposed >= registered)
ORDER BY mobile, registered, record_id

-- TOUT_PHONE, full pass (src/compute/flags_sweep.c): the records that can take part
-- (no TIME_ANOMALY) of every mobile carried by at least :min_accounts records
-- (fewer cannot make as many accounts; counted in record_mobile, in its
-- order, and most mobiles are one consumer's), by mobile then registration
-- and record id, with the account each counts as (a record without account
-- is an account of its own), for one ordered pass per mobile.
-- Columns: mobile, rec, registered, account key, record_id.
WITH dense AS (
    SELECT mobile FROM record
    WHERE mobile IS NOT NULL AND mobile <> ''
    GROUP BY mobile
    HAVING count(*) >= :min_accounts
)
SELECT r.mobile, r.rec, r.registered, coalesce(nullif(r.account, ''), '#' || r.rec), r.record_id
FROM dense d CROSS JOIN record r
     ON r.mobile = d.mobile AND r.mobile IS NOT NULL
WHERE r.disposed IS NULL OR r.disposed >= r.registered
ORDER BY r.mobile, r.registered, r.record_id

-- REPEAT_AFTER_CLOSE, full pass (src/compute/flags_sweep.c): the 1912 complaints of
-- every account and category with at least two records (a single one has no
-- repeat; record_account counts them in its order, and most accounts
-- complain once), by account and category then registration and record id,
-- for one ordered pass per account and category.
-- Columns: account, category, rec, registered, disposed, resolved (status
-- RESOLVED), record_id.
WITH dense AS (
    SELECT account, category FROM record
    WHERE account IS NOT NULL AND account <> ''
    GROUP BY account, category
    HAVING count(*) >= 2
)
SELECT r.account, r.category, r.rec, r.registered, r.disposed, r.status = 'RESOLVED', r.record_id
FROM dense d CROSS JOIN record r
     ON r.account = d.account AND r.category = d.category AND r.account IS NOT NULL
WHERE r.is_application = 0
ORDER BY r.account, r.category, r.registered, r.record_id

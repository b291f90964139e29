-- Remembers the keys of the stale records as this pass saw them: their
-- current keys, which flag_pair_fill took from the records at the start of
-- the pass (the same values, nullif() included; nothing changes a record
-- during the pass), so that no record row is read again.
INSERT OR REPLACE INTO flag_seen(rec, registered, disposed, is_application, category,
                                 subdivision_key, mobile, account, closed_by)
SELECT rec, n_registered, n_disposed, n_is_application, n_category, n_subdivision_key,
       n_mobile, n_account, n_closed_by
FROM temp.flag_pair

-- Remembers the keys of the stale records as this pass saw them.
INSERT OR REPLACE INTO flag_seen(rec, registered, disposed, is_application, category,
                                 subdivision_key, mobile, account, closed_by)
SELECT r.rec, r.registered, r.disposed, r.is_application, r.category, r.subdivision_key,
       nullif(r.mobile, ''), nullif(r.account, ''), nullif(r.closed_by, '')
FROM record r
WHERE r.flag_stale = 1

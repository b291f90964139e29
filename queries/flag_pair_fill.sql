-- The stale records (loaded after the last pass: view flag_stale_rec) with
-- their current keys and the keys they had at the last flag pass
-- (flag_seen), one row each.
INSERT INTO temp.flag_pair
SELECT r.rec, s.rec IS NOT NULL, s.rec,
       r.registered, r.disposed, r.is_application, r.category, r.subdivision_key,
       nullif(r.mobile, ''), nullif(r.account, ''), nullif(r.closed_by, ''),
       s.registered, s.disposed, s.is_application, s.category, s.subdivision_key,
       s.mobile, s.account, s.closed_by
FROM record r
LEFT JOIN flag_seen s ON s.rec = r.rec
WHERE r.rec IN (SELECT rec FROM flag_stale_rec)

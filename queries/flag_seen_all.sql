-- The keys of every record as a full pass saw them (flag_seen rebuilt: the
-- records not stale have the keys stored at their last pass), inserted in
-- row id order: a scan of the record table in its own order and an append
-- (flag_seen_update instead replaces the stale records' rows in place).
DELETE FROM flag_seen;
INSERT INTO flag_seen(rec, registered, disposed, is_application, category, subdivision_key,
                      mobile, account, closed_by)
SELECT r.rec, r.registered, r.disposed, r.is_application, r.category, r.subdivision_key,
       nullif(r.mobile, ''), nullif(r.account, ''), nullif(r.closed_by, '')
FROM record r NOT INDEXED
ORDER BY r.rec;

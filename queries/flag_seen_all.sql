-- The keys of every record as a full pass saw them (flag_seen rebuilt: the
-- records not stale have the keys stored at their last pass), inserted in
-- key order (a scan and one sort; an append to each page rather than an
-- insert at a random place per stale record, as flag_seen_update does).
DELETE FROM flag_seen;
INSERT INTO flag_seen(source, record_id, rec, registered, disposed, is_application, category,
                      subdivision_key, mobile, account, closed_by)
SELECT r.source, r.record_id, r.rec, r.registered, r.disposed, r.is_application, r.category,
       r.subdivision_key, nullif(r.mobile, ''), nullif(r.account, ''), nullif(r.closed_by, '')
FROM record r NOT INDEXED
ORDER BY r.source, r.record_id;

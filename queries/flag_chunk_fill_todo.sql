-- One chunk of the affected set: the next :n row ids from :lo on, into
-- flag_aff with their records' fields (flag_setup.sql). Every row id is
-- kept (LEFT JOIN: a row id without a record has NULL fields, which no rule
-- takes), so that flag_chunk_next.sql moves past the whole chunk.
INSERT INTO temp.flag_aff
SELECT t.rec, r.wing, r.xen_id, r.registered, r.disposed, r.status, r.category,
       r.is_application, r.subdivision_key, r.closed_by, r.mobile, r.account, t.need
FROM (SELECT rec, need FROM temp.flag_todo WHERE rec >= :lo ORDER BY rec LIMIT :n) t
LEFT JOIN record r ON r.rec = t.rec
ORDER BY t.rec

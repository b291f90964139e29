-- One chunk of every record (full pass): the next :n row ids from :lo on,
-- into flag_aff with their fields (flag_setup.sql), for every rule (need 31).
INSERT INTO temp.flag_aff
SELECT rec, wing, xen_id, registered, disposed, status, category, is_application,
       subdivision_key, closed_by, mobile, account, 31
FROM record WHERE rec >= :lo ORDER BY rec LIMIT :n
